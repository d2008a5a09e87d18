using Engine.Interop;
using Engine.Metrics;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>
/// The <c>ring</c> command: several runs of (a) 1P->1C throughput of our ring and of the Channels baseline, measured
/// back to back so their ratio is fair on a noisy machine, and (b) ping-pong round trips; prints medians.
/// </summary>
internal static class RingScenario
{
    private const int RoundTripWarmUp = 100_000;

    public static RingSummary Run(RingScenarioOptions options, TextWriter output)
    {
        output.WriteLine($"clock: {EngineClock.Source}; native pinning: {(ThreadAffinity.NativeAvailable ? "available" : "not available")}");
        if (!ThreadAffinity.TryLockMemory(out string? lockError))
        {
            output.WriteLine($"memory not locked: {lockError}");
        }

        // Everything is allocated here, before any GC count is taken; then a warm-up (JIT tiers, caches), not recorded.
        var throughput = new RingThroughput(new BusySpinWaitStrategy());
        var yieldingThroughput = new RingThroughput(new YieldingWaitStrategy()); // context: busy-spin needs idle cores

        var pingPong = new PingPong();
        var roundTrip = new Histogram(1, 10L * 1_000_000_000, 3);
        throughput.MeasureEventsPerSecond(TimeSpan.FromMilliseconds(300));
        yieldingThroughput.MeasureEventsPerSecond(TimeSpan.FromMilliseconds(300));
        ChannelsThroughput.MeasureEventsPerSecond(TimeSpan.FromMilliseconds(300));
        pingPong.Measure(roundTrip, options.RoundTripSamples, RoundTripWarmUp);

        var ringRates = new List<double>();
        var yieldingRates = new List<double>();
        var channelRates = new List<double>();
        var roundTrips = new List<Percentiles>();
        int gen0 = 0, gen1 = 0, gen2 = 0;
        bool pinnedEveryRun = true;
        string? pinError = null;

        output.WriteLine();
        output.WriteLine("run   ring ev/s    (yielding)   channels ev/s  ratio   rt p50   p90      p99      p99.9    p99.99   max (ns)  pinned");
        for (int run = 1; run <= options.Runs; run++)
        {
            // GC counts cover the ring's own phases only; the Channels baseline allocates by design.
            int[] before = CollectionCounts();
            double ring = throughput.MeasureEventsPerSecond(options.ThroughputDuration);
            gen0 += CollectionCounts()[0] - before[0];
            gen1 += CollectionCounts()[1] - before[1];
            gen2 += CollectionCounts()[2] - before[2];

            double yielding = yieldingThroughput.MeasureEventsPerSecond(options.ThroughputDuration);
            double channels = ChannelsThroughput.MeasureEventsPerSecond(options.ThroughputDuration);

            before = CollectionCounts();
            string? notPinned = pingPong.Measure(roundTrip, options.RoundTripSamples, RoundTripWarmUp);
            int[] after = CollectionCounts();
            gen0 += after[0] - before[0];
            gen1 += after[1] - before[1];
            gen2 += after[2] - before[2];
            Percentiles rt = Percentiles.FromHistogram(roundTrip);
            pinnedEveryRun &= notPinned is null;
            pinError ??= notPinned;

            ringRates.Add(ring);
            yieldingRates.Add(yielding);
            channelRates.Add(channels);
            roundTrips.Add(rt);
            output.WriteLine(
                $"{run,-5} {ring,12:N0} {yielding,12:N0} {channels,14:N0} {ring / channels,6:F1}x {rt.P50,7} {rt.P90,8} {rt.P99,8} {rt.P999,8} {rt.P9999,8} {rt.Max,9}  {(notPinned is null ? "yes" : "no")}");
        }

        var summary = new RingSummary(
            (long)Median(ringRates),
            (long)Median(channelRates),
            Percentiles.Median(roundTrips),
            gen0,
            gen1,
            gen2);
        Print(summary, (long)Median(yieldingRates), options, output);
        output.WriteLine(pinnedEveryRun
            ? $"  ping-pong threads pinned                {PingPong.CpuPair} (native affinity, every run)"
            : $"  ping-pong threads NOT pinned            {pinError}");
        if (options.JsonPath is not null)
        {
            JsonSummary.Write(options.JsonPath, summary);
            output.WriteLine($"wrote {options.JsonPath}");
        }

        return summary;
    }

    public static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static long Median(IEnumerable<long> values) => (long)Math.Round(Median(values.Select(v => (double)v)));

    private static int[] CollectionCounts() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static void Print(RingSummary s, long yieldingEventsPerSecond, RingScenarioOptions options, TextWriter output)
    {
        Percentiles rt = s.RoundTripNanos;
        output.WriteLine();
        output.WriteLine($"medians of {options.Runs} runs ({options.ThroughputDuration.TotalSeconds:0.#} s throughput each, {options.RoundTripSamples:N0} round trips each, HDR percentiles)");
        output.WriteLine($"  ring 1P->1C (busy-spin, batch publish)  {s.RingEventsPerSecond,15:N0} events/s");
        output.WriteLine($"  ring 1P->1C (yielding, batch publish)   {yieldingEventsPerSecond,15:N0} events/s (not in JSON)");
        output.WriteLine($"  System.Threading.Channels baseline      {s.ChannelsEventsPerSecond,15:N0} events/s");
        output.WriteLine($"  ratio                                   {(double)s.RingEventsPerSecond / s.ChannelsEventsPerSecond,15:F1} x");
        output.WriteLine($"  round trip p50 / p90 / p99              {rt.P50} / {rt.P90} / {rt.P99} ns");
        output.WriteLine($"  round trip p99.9 / p99.99 / max         {rt.P999} / {rt.P9999} / {rt.Max} ns");
        output.WriteLine($"  GC collections during ring phases       gen0 {s.Gen0Collections}, gen1 {s.Gen1Collections}, gen2 {s.Gen2Collections}");
    }
}
