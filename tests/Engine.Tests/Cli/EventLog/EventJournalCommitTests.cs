using Engine.Cli.EventLog;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.EventLog;

/// <summary>
/// The group-commit policy (docs/restart.md): the durable sequence moves only by an fsync, which comes when enough
/// records wait, when a thread waits for a sequence, or on the timer; and the journal thread allocates nothing per event.
/// </summary>
public sealed class EventJournalCommitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-evcommit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void CountTrigger_CommitsWhenEnoughRecordsWait_NotBefore()
    {
        var options = new EventJournalOptions { CommitIntervalMs = 0, CommitEveryEvents = 3 };
        using EventJournalWriter writer = EventJournalWriter.Create(Path.Combine(_dir, "count.journal"), ["BTCUSDT"], options);
        EngineEvent a = JournalEvents.Trade(1, "1", "1", 1), b = JournalEvents.Trade(2, "1", "1", 2), c = JournalEvents.Trade(3, "1", "1", 3);
        writer.OnEvent(ref a, 0, endOfBatch: false);
        writer.OnEvent(ref b, 1, endOfBatch: true);

        Assert.Equal(1, writer.WrittenSequence);
        Assert.Equal(-1, writer.DurableSequence); // two waiting, no timer: nothing may have been committed
        Assert.Equal(0, writer.Commits);

        writer.OnEvent(ref c, 2, endOfBatch: true);

        Assert.True(Deadline.WaitUntil(() => writer.DurableSequence == 2, TimeSpan.FromSeconds(10)));
        Assert.Equal(3, writer.DurablePosition);
        Assert.Equal(1, writer.Commits);
    }

    [Fact]
    public void WaitForDurable_CommitsAtOnce_WithoutTimerOrCount()
    {
        var options = new EventJournalOptions { CommitIntervalMs = 0, CommitEveryEvents = 0 };
        using EventJournalWriter writer = EventJournalWriter.Create(Path.Combine(_dir, "wait.journal"), ["BTCUSDT"], options);
        EngineEvent a = JournalEvents.Trade(1, "1", "1", 1);
        writer.OnEvent(ref a, 5, endOfBatch: true);
        Assert.Equal(-1, writer.DurableSequence);

        Assert.True(writer.WaitForDurable(5, TimeSpan.FromSeconds(10)));

        Assert.Equal(5, writer.DurableSequence);
        Assert.Equal(1, writer.Commits);
        Assert.False(writer.WaitForDurable(6, TimeSpan.FromMilliseconds(50))); // never written: times out
    }

    [Fact]
    public void Timer_CommitsWhatWaits()
    {
        var options = new EventJournalOptions { CommitIntervalMs = 5, CommitEveryEvents = 0 };
        using EventJournalWriter writer = EventJournalWriter.Create(Path.Combine(_dir, "timer.journal"), ["BTCUSDT"], options);
        EngineEvent a = JournalEvents.Trade(1, "1", "1", 1);
        writer.OnEvent(ref a, 0, endOfBatch: true);

        Assert.True(Deadline.WaitUntil(() => writer.DurableSequence == 0, TimeSpan.FromSeconds(10)));
        Assert.Equal(1, writer.Commits);
    }

    [Fact]
    public void WithoutFsync_WrittenIsDurable()
    {
        using EventJournalWriter writer = EventJournalWriter.Create(Path.Combine(_dir, "nofsync.journal"), ["BTCUSDT"], JournalEvents.NoFsync);
        EngineEvent a = JournalEvents.Trade(1, "1", "1", 1);
        writer.OnEvent(ref a, 0, endOfBatch: true);

        Assert.Equal(0, writer.DurableSequence);
        Assert.Equal(0, writer.Commits);
    }

    [Fact]
    public void OnEvent_AllocatesNothing_AfterWarmUp()
    {
        using EventJournalWriter writer = EventJournalWriter.Create(Path.Combine(_dir, "alloc.journal"), ["BTCUSDT"], new EventJournalOptions { CommitIntervalMs = 1 });
        EngineEvent trade = JournalEvents.Trade(1, "60000", "0.01", 1000);
        EngineEvent tick = JournalEvents.Tick(2000);
        long sequence = 0;
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 20_000; i++) // several buffer refills and writes, commits running beside
            {
                writer.OnEvent(ref i % 7 == 0 ? ref tick : ref trade, sequence++, endOfBatch: i % 64 == 63);
            }
        });
    }
}
