using Engine.Interop;
using Engine.Metrics;
using Engine.Metrics.Reporting;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Risk;
using Engine.Signals;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>
/// The <c>pipeline</c> command: recorded trades injected at a fixed rate into the full engine on pinned threads, every
/// event timed from its intended start (per stage, end to end, signal to order); then the machine's floor, the same
/// injector and ring with empty stages. Writes the engine's latency report, a console table and <c>summary.json</c>.
/// </summary>
internal static class PipelineScenario
{
    private const int FeedCpu = 0;
    private const int EngineCpu = 1;
    private const long TargetP50 = 2_000, TargetP99 = 20_000, TargetP999 = 200_000;
    private const double FloorFactor = 1.5;

    public static PipelineSummary Run(PipelineScenarioOptions options, TextWriter output)
    {
        output.WriteLine($"clock: {EngineClock.Source}; native pinning: {(ThreadAffinity.NativeAvailable ? "available" : "not available: " + ThreadAffinity.UnavailableReason)}");
        var registry = new SymbolRegistry(["BTCUSDT", "ETHUSDT"]);
        IReadOnlyList<string> inputs = options.Inputs.Count > 0 ? options.Inputs : TradeFiles.Default();
        TradeTape tape = TradeTape.Load(inputs, registry, out long rejected);
        output.WriteLine($"tape: {tape.Length:N0} trades from {inputs.Count} file(s) ({rejected} malformed lines skipped), lap {tape.TimeSpanMs / 1000.0:0.#} s of trade time; " +
                         $"{options.Events:N0} events at {options.Rate:N0}/s, first {options.WarmupEvents:N0} of each round are warm-up");

        var runtime = new PipelineRuntime
        {
            FeedBatch = 1,
            FeedStampsTime = true,
            EngineWait = options.Wait,
            EngineCpu = EngineCpu,
            FeedCpu = FeedCpu,
            JournalCpu = FeedCpu, // never on the engine's CPU: its wake-ups would preempt the engine thread
            WarmupEvents = options.WarmupEvents,
            RealtimePriority = options.RealtimePriority,
        };

        // Pipeline and floor alternate round by round: measured one after the other, each would sample a different
        // phase of the VM's stalls, and their ratio would compare two weathers. Everything is allocated before the
        // first round; each round's pipeline is new (its first events are warm-up) and the rounds' histograms add up.
        int rounds = options.Rounds;
        var pipelines = new EnginePipeline<TallyJournal>[rounds];
        var feeds = new FixedRatePacedFeed[rounds];
        var rigs = new FloorRig[options.SkipFloor ? 0 : rounds];
        var floorFeeds = new FixedRatePacedFeed[rigs.Length];
        for (int r = 0; r < rounds; r++)
        {
            long events = RoundEvents(options, r);
            pipelines[r] = new EnginePipeline<TallyJournal>(EngineOptions(), runtime, default);
            feeds[r] = new FixedRatePacedFeed(tape, events, options.Rate);
            if (!options.SkipFloor)
            {
                rigs[r] = new FloorRig(runtime, options.WarmupEvents);
                floorFeeds[r] = new FixedRatePacedFeed(tape, events, options.Rate);
            }
        }

        Settle();
        output.WriteLine($"pipeline: feed and journal pinned to CPU {FeedCpu}, engine to CPU {EngineCpu}, wait {options.Wait}, batch 1{(options.RealtimePriority > 0 ? $", engine SCHED_FIFO {options.RealtimePriority}" : "")}; " +
                         (options.SkipFloor ? "no floor" : $"{rounds} rounds, each the pipeline then the floor (same injector, ring and CPUs, empty stages)"));
        var totals = new RoundTotals();
        for (int r = 0; r < rounds; r++)
        {
            RunStatistics stats = pipelines[r].Run(feeds[r], CancellationToken.None);
            totals.Add(stats, feeds[r]);
            foreach (string warning in stats.Warnings)
            {
                output.WriteLine($"  warning: {warning}");
            }

            output.WriteLine($"  round {r + 1}/{rounds} pipeline: injected {feeds[r].Published:N0} at {feeds[r].AchievedEventsPerSecond:N0}/s; {feeds[r].LateEvents:N0} left after their intended time; input ring full {stats.InputRingFullCount:N0}×");
            if (!options.SkipFloor)
            {
                rigs[r].Run(floorFeeds[r]);
                foreach (string warning in rigs[r].Warnings)
                {
                    output.WriteLine($"  warning: {warning}");
                }

                output.WriteLine($"  round {r + 1}/{rounds} floor:    injected {floorFeeds[r].Published:N0} at {floorFeeds[r].AchievedEventsPerSecond:N0}/s; {floorFeeds[r].LateEvents:N0} late");
            }
        }

        // Every round's engine has stopped: its recorder hands over one interval holding the whole round after its
        // warm-up. The totals and the first round's rig collect every round.
        var latency = new LatencyTotals();
        Histogram? floor = options.SkipFloor ? null : rigs[0].Latency;
        for (int r = 0; r < rounds; r++)
        {
            var round = new LatencyTotals();
            round.Add(pipelines[r].Engine.Latency.SwapInterval());
            latency.Add(round);
            if (r > 0)
            {
                floor?.Add(rigs[r].Latency);
            }
        }

        var report = new LatencyReport($"pipeline at {options.Rate:N0} trades/s, completion − intended start (ns)");
        for (int i = 0; i < StageLatency.StageCount; i++)
        {
            Histogram h = latency[(Stage)i];
            if (h.TotalCount > 0)
            {
                report.Add(StageLatency.NameOf((Stage)i), h);
            }
        }

        if (floor is not null)
        {
            report.Add("floor", floor);
        }

        output.WriteLine();
        output.WriteLine(report.ToConsoleTable());
        if (options.OutDirectory is not null)
        {
            report.WriteTo(options.OutDirectory, TargetP999);
            output.WriteLine($"wrote the report into {options.OutDirectory}");
        }

        foreach (EnginePipeline<TallyJournal> p in pipelines)
        {
            ref TallyJournal journal = ref p.Journal;
            totals.RealizedPnlE8 += journal.RealizedPnlE8;
            totals.FeesE8 += journal.FeesE8;
            totals.Signals += p.Engine.Counters.Signals;
            totals.Orders += p.Engine.Counters.OrderRequests;
            totals.Fills += p.Engine.Counters.Fills;
        }

        var summary = new PipelineSummary
        {
            Events = totals.Published,
            EventsPerSecond = (long)totals.EventsPerSecond,
            Signals = totals.Signals,
            Orders = totals.Orders,
            Fills = totals.Fills,
            RealizedPnl = new Money(totals.RealizedPnlE8).ToDecimal(),
            FeesPaid = new Money(totals.FeesE8).ToDecimal(),
            LatencyNanos = Percentiles.FromHistogram(latency[Stage.ReceivedToDone]),
            Gen0Collections = totals.Gen0,
            Gen1Collections = totals.Gen1,
            Gen2Collections = totals.Gen2,
            AllocatedBytesEngineThread = totals.AllocatedBytesEngineThread,
            FloorNanos = floor is null ? null : Percentiles.FromHistogram(floor),
        };
        PrintVerdict(summary, totals.EngineFaults, output);
        if (options.JsonPath is not null)
        {
            PipelineJsonSummary.Write(options.JsonPath, summary);
            output.WriteLine($"wrote {options.JsonPath}");
        }

        return summary;
    }

    /// <summary>Both symbols of the default tape, DeltaScout on 1-second rows with short windows so signals and orders occur.</summary>
    internal static PipelineOptions EngineOptions() => new()
    {
        Symbols =
        [
            new SymbolSetup { Name = "BTCUSDT", Filters = Filters("0.1", "0.001", 5m), BarSize = 10m },
            new SymbolSetup { Name = "ETHUSDT", Filters = Filters("0.01", "0.001", 20m), BarSize = 200m },
        ],
        IntervalMs = 1_000,
        Signal = SignalSource.DeltaScout,
        DeltaScout = new DeltaScoutOptions
        {
            RollWindowMin = 20, VwapWindowMin = 30, Chop30Max = 1000, Coh10Min = 0, ImbMin = 0, ImbMax = 1, VwapMaxDistUsd = 1000,
        },
        Risk = new RiskOptions { CooldownMinutes = 0.5, MaxTradesPerDay = 100_000, MaxConsecutiveLosses = 1000, HaltOnConsecutiveLosses = false, MaxDailyLossPct = 1, MaxDrawdownPct = 1,
            OrderBurst = 100, OrderRefillSeconds = 1 },
        OrderManager = new OrderManagerOptions(),
        LatencySampleEvery = 1,
    };

    private static SymbolFilters Filters(string tick, string step, decimal minNotional) => new()
    {
        TickSize = Price.Parse(tick), MinPrice = Price.Parse(tick), MaxPrice = Price.Parse("1000000"),
        StepSize = Quantity.Parse(step), MinQty = Quantity.Parse(step), MaxQty = Quantity.Parse("10000"),
        MarketStepSize = Quantity.Parse(step), MarketMinQty = Quantity.Parse(step), MarketMaxQty = Quantity.Parse("1000"),
        MinNotional = Money.FromDecimal(minNotional),
    };

    // Everything the run needs is allocated; leave the loading garbage behind before the GC counts start.
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    private static long RoundEvents(PipelineScenarioOptions options, int round) =>
        (options.Events / options.Rounds) + (round == options.Rounds - 1 ? options.Events % options.Rounds : 0);

    private static void PrintVerdict(PipelineSummary s, long engineFaults, TextWriter output)
    {
        Percentiles e = s.LatencyNanos;
        output.WriteLine($"signals {s.Signals:N0}, orders {s.Orders:N0}, fills {s.Fills:N0}, realised {s.RealizedPnl:0.########}, fees {s.FeesPaid:0.########}; engine faults {engineFaults}");
        output.WriteLine($"GC collections during the pipeline rounds: gen0 {s.Gen0Collections}, gen1 {s.Gen1Collections}, gen2 {s.Gen2Collections}; " +
                         $"engine thread allocated {s.AllocatedBytesEngineThread:N0} bytes after warm-up");
        output.WriteLine("targets at 100k trades/s (on a loaded VM these mostly measure the VM; compare with the floor):");
        output.WriteLine($"  p50   {e.P50,10:N0} ns  < {TargetP50:N0}     {Mark(e.P50 < TargetP50)}");
        output.WriteLine($"  p99   {e.P99,10:N0} ns  < {TargetP99:N0}    {Mark(e.P99 < TargetP99)}");
        output.WriteLine($"  p99.9 {e.P999,10:N0} ns  < {TargetP999:N0}   {Mark(e.P999 < TargetP999)}");
        if (s.FloorNanos is Percentiles f)
        {
            output.WriteLine($"  p99   / floor p99   = {Ratio(e.P99, f.P99)}  (≤ {FloorFactor}) {Mark(e.P99 <= FloorFactor * f.P99)}");
            output.WriteLine($"  p99.9 / floor p99.9 = {Ratio(e.P999, f.P999)}  (≤ {FloorFactor}) {Mark(e.P999 <= FloorFactor * f.P999)}");
        }

        output.WriteLine($"  zero GC collections: {Mark(s.Gen0Collections + s.Gen1Collections + s.Gen2Collections == 0)}");
    }

    private static string Ratio(long a, long b) => b > 0 ? $"{(double)a / b:0.00}" : "n/a";

    private static string Mark(bool met) => met ? "met" : "MISSED";

    /// <summary>What the pipeline rounds add up to.</summary>
    private sealed class RoundTotals
    {
        private double _seconds;

        public long Published { get; private set; }

        public double EventsPerSecond => _seconds > 0 ? Published / _seconds : 0;

        public int Gen0 { get; private set; }

        public int Gen1 { get; private set; }

        public int Gen2 { get; private set; }

        public long EngineFaults { get; private set; }

        /// <summary>The largest of the rounds' figures (after warm-up when the round got past it).</summary>
        public long AllocatedBytesEngineThread { get; private set; }

        public long Signals { get; set; }

        public long Orders { get; set; }

        public long Fills { get; set; }

        public long RealizedPnlE8 { get; set; }

        public long FeesE8 { get; set; }

        public void Add(RunStatistics stats, FixedRatePacedFeed feed)
        {
            Published += feed.Published;
            _seconds += feed.AchievedEventsPerSecond > 0 ? feed.Published / feed.AchievedEventsPerSecond : 0;
            Gen0 += stats.Gen0Collections;
            Gen1 += stats.Gen1Collections;
            Gen2 += stats.Gen2Collections;
            EngineFaults += stats.EngineFaults;
            long allocated = stats.EngineAllocatedBytesAfterWarmup >= 0 ? stats.EngineAllocatedBytesAfterWarmup : stats.EngineAllocatedBytes;
            AllocatedBytesEngineThread = Math.Max(AllocatedBytesEngineThread, allocated);
        }
    }
}
