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
                         $"{options.Events:N0} events at {options.Rate:N0}/s, first {options.WarmupEvents:N0} are warm-up");

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

        var pipeline = new EnginePipeline<TallyJournal>(EngineOptions(), runtime, default);
        var feed = new PacedFeed(tape, options.Events, options.Rate);
        Settle();
        output.WriteLine($"pipeline: feed and journal pinned to CPU {FeedCpu}, engine to CPU {EngineCpu}, wait {options.Wait}, batch 1{(options.RealtimePriority > 0 ? $", engine SCHED_FIFO {options.RealtimePriority}" : "")} ...");
        RunStatistics stats = pipeline.Run(feed, CancellationToken.None);
        foreach (string warning in stats.Warnings)
        {
            output.WriteLine($"  warning: {warning}");
        }

        output.WriteLine($"  injected {feed.Published:N0} at {feed.AchievedEventsPerSecond:N0}/s; {feed.LateEvents:N0} left after their intended time; input ring full {stats.InputRingFullCount:N0}×");

        Histogram? floor = null;
        if (!options.SkipFloor)
        {
            var rig = new FloorRig(runtime, options.WarmupEvents);
            var floorFeed = new PacedFeed(tape, options.Events, options.Rate);
            Settle();
            output.WriteLine("floor: same injector, ring and CPUs, empty stages ...");
            rig.Run(floorFeed);
            foreach (string warning in rig.Warnings)
            {
                output.WriteLine($"  warning: {warning}");
            }

            output.WriteLine($"  injected {floorFeed.Published:N0} at {floorFeed.AchievedEventsPerSecond:N0}/s; {floorFeed.LateEvents:N0} late");
            floor = rig.Latency;
        }

        TradingEngine<OutputRingSink> engine = pipeline.Engine;
        var report = new LatencyReport($"pipeline at {options.Rate:N0} trades/s, completion − intended start (ns)");
        for (int i = 0; i < StageLatency.StageCount; i++)
        {
            Histogram h = engine.Latency[(Stage)i];
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

        ref TallyJournal journal = ref pipeline.Journal;
        var summary = new PipelineSummary
        {
            Events = feed.Published,
            EventsPerSecond = (long)feed.AchievedEventsPerSecond,
            Signals = engine.Counters.Signals,
            Orders = engine.Counters.OrderRequests,
            Fills = engine.Counters.Fills,
            RealizedPnl = new Money(journal.RealizedPnlE8).ToDecimal(),
            FeesPaid = new Money(journal.FeesE8).ToDecimal(),
            LatencyNanos = Percentiles.FromHistogram(engine.Latency[Stage.EndToEnd]),
            Gen0Collections = stats.Gen0Collections,
            Gen1Collections = stats.Gen1Collections,
            Gen2Collections = stats.Gen2Collections,
            AllocatedBytesEngineThread = stats.EngineAllocatedBytesAfterWarmup >= 0 ? stats.EngineAllocatedBytesAfterWarmup : stats.EngineAllocatedBytes,
            FloorNanos = floor is null ? null : Percentiles.FromHistogram(floor),
        };
        PrintVerdict(summary, stats, output);
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
        Signal = SignalKind.DeltaScout,
        DeltaScout = new DeltaScoutOptions
        {
            RollWindowMin = 20, VwapWindowMin = 30, Chop30Max = 1000, Coh10Min = 0, ImbMin = 0, ImbMax = 1, VwapMaxDistUsd = 1000,
        },
        Risk = new RiskOptions { CooldownMinutes = 0.5, MaxTradesPerDay = 100_000, MaxConsecutiveLosses = 1000, HaltOnConsecutiveLosses = false, MaxDailyLossPct = 1, MaxDrawdownPct = 1,
            OrderBurst = 100, OrderRefillSeconds = 1 },
        Executor = new ExecutorOptions { CooldownMs = 30_000 },
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

    private static void PrintVerdict(PipelineSummary s, RunStatistics stats, TextWriter output)
    {
        Percentiles e = s.LatencyNanos;
        output.WriteLine($"signals {s.Signals:N0}, orders {s.Orders:N0}, fills {s.Fills:N0}, realised {s.RealizedPnl:0.########}, fees {s.FeesPaid:0.########}; engine faults {stats.EngineFaults}");
        output.WriteLine($"GC collections during the pipeline run: gen0 {s.Gen0Collections}, gen1 {s.Gen1Collections}, gen2 {s.Gen2Collections}; " +
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
}
