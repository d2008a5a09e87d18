using System.Globalization;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Latency;

/// <summary>
/// The <c>journal</c> command (issue 18, journal write cost): the <c>pipeline</c> scenario's tape at a fixed rate into
/// the full engine, in rounds that alternate without and with the event journal attached as the input consumer (its
/// own thread, writing and group-committing to a file), so both sample the same phases of the VM. Prints the engine's
/// end-to-end latency (received to done, from each event's intended start) of each side, their ratio, and whether the
/// journal kept up (every event journalled, input ring full count).
/// </summary>
internal static class JournalCostScenario
{
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT"];

    public static int Run(ReadOnlySpan<string> args, TextWriter output)
    {
        double rate = 1_000_000;
        long events = 4_000_000;
        int rounds = 4;
        int journalCpu = 0;
        string directory = Path.Combine(Path.GetTempPath(), "engine-journal-cost");
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--rate": rate = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--events": events = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--dir": directory = args[i + 1]; break;
                case "--journal-cpu": journalCpu = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: output.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        rounds = Math.Max(2, rounds + (rounds % 2));
        Directory.CreateDirectory(directory);
        var registry = new SymbolRegistry(Symbols);
        TradeTape tape = TradeTape.Load(TradeFiles.Default(), registry, out _);
        long perRound = events / rounds;
        var runtime = new PipelineRuntime
        {
            FeedBatch = 1, FeedStampsTime = true, EngineCpu = 1, FeedCpu = 0, JournalCpu = 0,
            WarmupEvents = Math.Min(200_000, perRound / 10),
        };
        output.WriteLine($"journal cost: {events:N0} events at {rate:N0}/s in {rounds} rounds alternating journal off / on; engine CPU 1, feed and output journal on CPU 0, event journal on CPU {journalCpu} (-1: unpinned); files in {directory}");
        var off = new LatencyTotals();
        var on = new LatencyTotals();
        for (int r = 0; r < rounds; r++)
        {
            bool journal = r % 2 == 1;
            string path = Path.Combine(directory, $"round{r}.journal");
            File.Delete(path);
            using EventJournalWriter? writer = journal ? EventJournalWriter.Create(path, Symbols, new EventJournalOptions()) : null;
            var pipeline = new EnginePipeline<TallyJournal>(
                PipelineScenario.EngineOptions(), runtime, default, new PipelineAttachments { InputConsumer = writer, InputConsumerCpu = journalCpu });
            var feed = new FixedRatePacedFeed(tape, perRound, rate);
            RunStatistics stats = pipeline.Run(feed, CancellationToken.None);
            (journal ? on : off).Add(pipeline.Engine.Latency.SwapInterval());
            string kept = writer is null ? string.Empty
                : $"; journalled {writer.NextPosition:N0} of {feed.Published:N0}, {writer.Commits:N0} fsyncs, {new FileInfo(path).Length / 1e6:0.0} MB{(writer.Failure is null ? "" : ", FAILED: " + writer.Failure)}";
            output.WriteLine($"  round {r + 1}/{rounds} journal {(journal ? "on " : "off")}: {feed.AchievedEventsPerSecond:N0}/s achieved, {feed.LateEvents:N0} late, input ring full {stats.InputRingFullCount:N0}×{kept}");
            writer?.Dispose();
            File.Delete(path);
        }

        Percentiles a = Percentiles.FromHistogram(off[Stage.ReceivedToDone]), b = Percentiles.FromHistogram(on[Stage.ReceivedToDone]);
        output.WriteLine();
        output.WriteLine("engine latency, received to done (ns), from each event's intended start:");
        output.WriteLine($"  {"",-12} {"p50",10} {"p90",10} {"p99",10} {"p99.9",10} {"p99.99",10} {"max",12}");
        output.WriteLine($"  {"journal off",-12} {a.P50,10:N0} {a.P90,10:N0} {a.P99,10:N0} {a.P999,10:N0} {a.P9999,10:N0} {a.Max,12:N0}");
        output.WriteLine($"  {"journal on",-12} {b.P50,10:N0} {b.P90,10:N0} {b.P99,10:N0} {b.P999,10:N0} {b.P9999,10:N0} {b.Max,12:N0}");
        output.WriteLine($"  {"on / off",-12} {R(b.P50, a.P50),10} {R(b.P90, a.P90),10} {R(b.P99, a.P99),10} {R(b.P999, a.P999),10} {R(b.P9999, a.P9999),10}");
        return 0;
    }

    private static string R(long x, long y) => y > 0 ? ((double)x / y).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
