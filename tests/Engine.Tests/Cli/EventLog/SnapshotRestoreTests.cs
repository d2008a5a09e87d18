using Engine.EventLog;
using Engine.Cli.EventLog.Snapshots;
using Engine.Model;
using Engine.Pipeline;
using Engine.Tests.EventLog;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Cli.EventLog;

/// <summary>
/// Issue 18: restore = latest valid snapshot + the journal's tail through the same engine code, and the state it
/// rebuilds is byte for byte the state of an uninterrupted engine at the same journal position. The truth is an engine
/// that played the same events without stopping. Corruption: a missing snapshot, a damaged one, one newer than the
/// journal, one of another configuration, a torn journal tail: each passed over (and said) or cut, never trusted.
/// </summary>
public sealed class SnapshotRestoreTests : IDisposable
{
    private static readonly List<EngineEvent> Input = JournalReplayInput.RealTradesWithCommands(withEnd: false);
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-restore-").FullName;

    public SnapshotRestoreTests()
    {
        using EventJournalWriter writer = EventJournalWriter.Create(JournalPath, ["BTCUSDT"], JournalEvents.NoFsync);
        JournalEvents.Write(writer, Input, batch: 64);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string JournalPath => Path.Combine(_dir, EventJournal.FileName);

    private static SymbolRegistry Registry => new(["BTCUSDT"]);

    [Fact]
    public void Restore_FromSnapshotAndTail_EqualsTheUninterruptedState_ByteForByte()
    {
        int snapshotAt = Input.Count * 3 / 10;
        int compareAt = Input.Count * 7 / 10;
        TakeSnapshotAt(snapshotAt);

        TradingEngine<DiscardingOutputSink> restored = Fresh();
        RestoreOutcome outcome = EngineRestore.Restore(restored, _dir, Registry, upTo: compareAt);

        Assert.Equal(snapshotAt, outcome.SnapshotPosition);
        Assert.Equal(compareAt - snapshotAt, outcome.TailEvents);
        Assert.Equal(compareAt, outcome.Position);
        Assert.Empty(outcome.Notes);
        Assert.Equal(UninterruptedStateAt(compareAt), EngineSnapshot.StateOf(restored));
    }

    [Fact]
    public void Restore_ThenTheRestOfTheInput_EmitsWhatTheUninterruptedRunEmitted()
    {
        int snapshotAt = Input.Count / 4;
        int stopAt = Input.Count / 2;
        TakeSnapshotAt(snapshotAt);
        var uninterrupted = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        Play(uninterrupted, 0, stopAt);
        int outputsBefore = uninterrupted.Output.Events.Count;
        Play(uninterrupted, stopAt, Input.Count);

        var resumed = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        EngineRestore.Restore(resumed, _dir, Registry, upTo: stopAt);
        resumed.Output.Events.Clear(); // what the restore's tail replayed was emitted by the first run already
        Play(resumed, stopAt, Input.Count);

        List<OutputEvent> expected = uninterrupted.Output.Events.Skip(outputsBefore).ToList();
        Assert.Contains(expected, o => o.Kind == OutputKind.OrderRequested);
        Assert.Equal(expected, resumed.Output.Events);
    }

    [Fact]
    public void TheStateComparison_CanFail_OneEventApartIsAnotherState()
    {
        // Without this, equal bytes could mean a walker that writes nothing that moves.
        byte[] a = UninterruptedStateAt(Input.Count / 2), b = UninterruptedStateAt(Input.Count / 2 + 1);
        Assert.NotEqual(a, b);
        Assert.NotEqual(EngineSnapshot.StateOf(Fresh()), a);
        Assert.True(a.Length > 10_000, $"state of {a.Length} bytes: too small to hold the windows, tables and indicators");
    }

    [Fact]
    public void MissingSnapshot_RebuildsFromTheWholeJournal_AndSaysSo()
    {
        TradingEngine<DiscardingOutputSink> restored = Fresh();
        RestoreOutcome outcome = EngineRestore.Restore(restored, _dir, Registry);

        Assert.Equal(-1, outcome.SnapshotPosition);
        Assert.Equal(Input.Count, outcome.TailEvents);
        Assert.Contains(outcome.Notes, n => n.StartsWith("no usable snapshot", StringComparison.Ordinal));
        Assert.Equal(UninterruptedStateAt(Input.Count), EngineSnapshot.StateOf(restored));
    }

    [Fact]
    public void DamagedSnapshot_IsPassedOver_ForTheOneBefore()
    {
        int older = Input.Count / 5, newer = Input.Count / 2;
        TakeSnapshotAt(older);
        string damaged = TakeSnapshotAt(newer);
        byte[] bytes = File.ReadAllBytes(damaged);
        bytes[bytes.Length / 2] ^= 0x04;
        File.WriteAllBytes(damaged, bytes);

        TradingEngine<DiscardingOutputSink> restored = Fresh();
        RestoreOutcome outcome = EngineRestore.Restore(restored, _dir, Registry);

        Assert.Equal(older, outcome.SnapshotPosition);
        Assert.Contains(outcome.Notes, n => n.Contains("CRC-32C", StringComparison.Ordinal));
        Assert.Equal(UninterruptedStateAt(Input.Count), EngineSnapshot.StateOf(restored));
    }

    [Fact]
    public void SnapshotNewerThanTheJournal_IsPassedOver_AndTheJournalDecides()
    {
        int older = Input.Count / 5, newer = Input.Count * 4 / 5, journalEnd = Input.Count / 2;
        TakeSnapshotAt(older);
        TakeSnapshotAt(newer);
        TruncateJournalTo(journalEnd); // the journal lost what the newer snapshot saw

        TradingEngine<DiscardingOutputSink> restored = Fresh();
        RestoreOutcome outcome = EngineRestore.Restore(restored, _dir, Registry);

        Assert.Equal(older, outcome.SnapshotPosition);
        Assert.Equal(journalEnd, outcome.Position);
        Assert.Contains(outcome.Notes, n => n.Contains("the journal lost records the snapshot saw", StringComparison.Ordinal));
        Assert.Equal(UninterruptedStateAt(journalEnd), EngineSnapshot.StateOf(restored));
    }

    [Fact]
    public void TornJournalTail_IsCutAndReported_TheStateIsThatOfTheWholeRecords()
    {
        TakeSnapshotAt(Input.Count / 3);
        using (var f = new FileStream(JournalPath, FileMode.Open))
        {
            f.SetLength(f.Length - 5); // the last record cut short
        }

        TradingEngine<DiscardingOutputSink> restored = Fresh();
        RestoreOutcome outcome = EngineRestore.Restore(restored, _dir, Registry);

        Assert.NotNull(outcome.Damage);
        Assert.True(outcome.Damage.Torn);
        Assert.Equal(Input.Count - 1, outcome.Position);
        Assert.Contains(outcome.Notes, n => n.Contains("torn tail", StringComparison.Ordinal));
        Assert.Equal(UninterruptedStateAt(Input.Count - 1), EngineSnapshot.StateOf(restored));
    }

    [Fact]
    public void SnapshotOfAnotherConfiguration_IsPassedOver()
    {
        TakeSnapshotAt(Input.Count / 3);
        PipelineOptions other = PipelineFixtures.ShortIntervalDeltaScout() with { IntervalMs = 2_000 };
        var restored = new TradingEngine<DiscardingOutputSink>(other, new DiscardingOutputSink());

        RestoreOutcome outcome = EngineRestore.Restore(restored, _dir, Registry);

        Assert.Equal(-1, outcome.SnapshotPosition);
        Assert.Contains(outcome.Notes, n => n.Contains("another configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void SnapshotTaker_FollowsTheJournal_AndKeepsTheLatestThree()
    {
        TradingEngine<DiscardingOutputSink> replica = Fresh();
        using var taker = new SnapshotTaker(replica, EngineSnapshot.FingerprintOf(Fresh()), _dir, Registry);
        foreach (int step in new[] { 1, 2, 3, 4, 5 })
        {
            Assert.NotNull(taker.TakeSnapshot(Input.Count * step / 6));
        }

        Assert.Null(taker.TakeSnapshot(Input.Count * 5 / 6)); // nothing new: no snapshot
        IReadOnlyList<string> files = EngineRestore.SnapshotFiles(_dir);
        Assert.Equal(
            new[] { 5, 4, 3 }.Select(s => EngineSnapshot.FileNameOf(Input.Count * s / 6)),
            files.Select(Path.GetFileName));
        Assert.Equal(UninterruptedStateAt(Input.Count * 5 / 6), EngineSnapshot.ReadFrom(files[0]).State);
    }

    private string TakeSnapshotAt(int position)
    {
        TradingEngine<DiscardingOutputSink> replica = Fresh();
        var taker = new SnapshotTaker(replica, EngineSnapshot.FingerprintOf(Fresh()), _dir, Registry, keep: 10);
        using (taker)
        {
            return taker.TakeSnapshot(position)!;
        }
    }

    private static TradingEngine<DiscardingOutputSink> Fresh() =>
        new(PipelineFixtures.ShortIntervalDeltaScout(), new DiscardingOutputSink());

    private static byte[] UninterruptedStateAt(int position)
    {
        TradingEngine<DiscardingOutputSink> engine = Fresh();
        Play(engine, 0, position);
        return EngineSnapshot.StateOf(engine);
    }

    private static void Play<TOut>(TradingEngine<TOut> engine, int from, int to)
        where TOut : struct, IOutputSink
    {
        for (int i = from; i < to; i++)
        {
            EngineEvent slot = Input[i];
            slot.ReceivedTimestamp = 123_456 + i; // arrival times are no state: a restore sees other ones
            engine.OnEvent(ref slot);
        }
    }

    private void TruncateJournalTo(int records)
    {
        using EventJournalReader reader = EventJournalReader.Open(JournalPath);
        EngineEvent slot = default;
        while (reader.NextPosition < records && reader.TryRead(ref slot))
        {
        }

        long length = reader.ValidLength;
        reader.Dispose();
        using var f = new FileStream(JournalPath, FileMode.Open);
        f.SetLength(length);
    }
}
