using Engine.Cli.Journal;
using Engine.Model;
using Engine.Pipeline;
using Engine.Risk;

namespace Engine.Tests.Cli.Journal;

/// <summary>
/// The journal thread in steady state allocates nothing: every kind of output a real run produces (rows, peaks,
/// signals with every decision, orders, venue reports, fills, closed positions, breaker changes) goes through the
/// handler into aggregated.csv, deltascout.log and journal.db (prepared statements, values bound in place) with
/// zero managed bytes once warm.
/// </summary>
public sealed class JournalAllocationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("journal-alloc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void JournalThread_EveryOutputKindOfARealRun_AfterWarmUp_AllocatesNothing()
    {
        List<OutputEvent> outputs = JournaledRun.Outputs;
        // A run's steady state: its last outputs (the interval left open, the end of the stream) come once, at its end.
        OutputEvent[] events =
        [
            .. outputs.Where(o => o.Kind is not (OutputKind.IntervalLeftOpen or OutputKind.EndOfStream)),
            Breaker(TradingState.Halted), Breaker(TradingState.Active),
        ];
        Assert.Contains(events, e => e.Kind == OutputKind.SignalEvaluated);
        Assert.Contains(events, e => e.Kind == OutputKind.OrderRequested);
        Assert.Contains(events, e => e.Kind == OutputKind.VenueReported && e.Report.IsFill);
        Assert.Contains(events, e => e.Kind == OutputKind.PositionClosed);
        Assert.Contains(events, e => e.Kind == OutputKind.RowClosed && e.HasEvaluation && e.Evaluation.HasPeak);

        using RunJournal journal = RunJournal.Create(_dir, JournaledRun.Symbols, new RunJournalOptions { LineBatchBytes = 64 * 1024 });
        var handler = new JournalHandler(journal);
        handler.OnStart();
        long sequence = 0;
        var byKind = new long[256]; // by OutputKind (a byte)
        void Pass()
        {
            for (int i = 0; i < events.Length; i++)
            {
                OutputEvent copy = events[i];
                long before = GC.GetAllocatedBytesForCurrentThread();
                handler.OnEvent(ref copy, sequence++, endOfBatch: i % 64 == 63 || i == events.Length - 1);
                byKind[(int)copy.Kind] += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        Pass(); // warm-up: statements prepared, buffers and the ledger's table at their size, code compiled

        // The least of three measurements: a collection started by another test's thread can retire this thread's
        // allocation context mid-measurement and charge it a few KB it never asked for; a real allocation shows in all three.
        long least = long.MaxValue;
        string detail = string.Empty;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++)
        {
            Array.Clear(byKind);
            Pass();
            Pass();
            long total = byKind.Sum();
            if (total < least)
            {
                least = total;
                detail = string.Join(", ", Enum.GetValues<OutputKind>().Where(k => byKind[(int)k] > 0).Select(k => $"{k} {byKind[(int)k]} B"));
            }
        }

        handler.OnShutdown();
        Assert.Equal(0, journal.Summary.Errors);
        Assert.True(journal.Summary.Signals > 0 && journal.Summary.Orders > 0, "the run journaled signals and orders");
        Assert.True(least == 0, $"the journal thread allocated {least} bytes over two passes of {events.Length} outputs: {detail}");
    }

    private static OutputEvent Breaker(TradingState state) =>
        new() { Kind = OutputKind.BreakerChanged, TimeMs = 1_723_161_300_000, BreakerState = state };
}
