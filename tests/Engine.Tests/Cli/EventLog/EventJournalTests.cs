using System.Runtime.CompilerServices;
using Engine.Cli.EventLog;
using Engine.Model;

namespace Engine.Tests.Cli.EventLog;

/// <summary>
/// The event journal's records and its damaged tails (issue 18, corruption tests): every kind comes back as written;
/// a cut tail and a flipped byte are found at the record where they are, everything before them is kept, nothing from
/// them on is trusted, and recovery truncates the file exactly there. Offsets are computed by hand from the layout:
/// a 64-byte header, each symbol as length byte + name, each record 8 (length, CRC) + 17 (position, timestamp, kind) + payload.
/// </summary>
public sealed class EventJournalTests : IDisposable
{
    private static readonly int TradeRecord = 8 + 17 + Unsafe.SizeOf<Trade>();
    private static readonly int HeaderBytes = 64 + (1 + 7) + (1 + 7); // BTCUSDT, ETHUSDT

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-evjournal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public void EveryKind_ComesBack_AsWritten_WithPositions()
    {
        List<EngineEvent> events =
        [
            JournalEvents.Trade(100, "61000.5", "0.012", 1_723_161_240_000),
            JournalEvents.Tick(1_723_161_241_000),
            JournalEvents.Command(OperatorCommandKind.Halt, 1_723_161_241_500, symbol: 1),
            JournalEvents.Report(42, VenueReportKind.PartiallyFilled, "0.5", "2600.25", 1_723_161_242_000),
            JournalEvents.Trade(101, "61000.4", "1.5", 1_723_161_242_100, symbol: 1, buyerIsMaker: true),
        ];
        string path = PathOf("a.journal");
        using (EventJournalWriter writer = EventJournalWriter.Create(path, JournalEvents.Symbols, JournalEvents.NoFsync))
        {
            JournalEvents.Write(writer, events, batch: 2);
            Assert.Equal(5, writer.NextPosition);
            Assert.Equal(4, writer.WrittenSequence);
        }

        List<EngineEvent> read = JournalEvents.ReadAll(path, out JournalDamage? damage);

        Assert.Null(damage);
        Assert.Equal(events.Count, read.Count);
        for (int i = 0; i < events.Count; i++)
        {
            Assert.Equal(events[i].Kind, read[i].Kind);
            Assert.Equal(events[i].ReceivedTimestamp, read[i].ReceivedTimestamp);
        }

        Assert.Equal(events[0].Trade, read[0].Trade);
        Assert.Equal(1_723_161_241_000, read[1].TimerMs);
        Assert.Equal(events[2].Command, read[2].Command);
        Assert.Equal(events[3].Report, read[3].Report);
        Assert.Equal(events[4].Trade, read[4].Trade);
        Assert.Equal(Price.Parse("61000.4"), read[4].Trade.Price);
        Assert.True(read[4].Trade.BuyerIsMaker);
    }

    [Fact]
    public void NoneAndEndOfStreamSlots_AreNotEvents_AndNotWritten()
    {
        EngineEvent none = default;
        EngineEvent end = default;
        end.Kind = EventKind.EndOfStream;
        List<EngineEvent> events = [JournalEvents.Trade(1, "10", "1", 1000), none, JournalEvents.Tick(2000), end];
        string path = PathOf("b.journal");
        using (EventJournalWriter writer = EventJournalWriter.Create(path, JournalEvents.Symbols, JournalEvents.NoFsync))
        {
            JournalEvents.Write(writer, events, batch: 10);
            Assert.Equal(3, writer.WrittenSequence); // the ring is done through the end marker
            Assert.Equal(2, writer.NextPosition);     // but only two events are in the journal
        }

        Assert.Equal([EventKind.Trade, EventKind.TimerTick], JournalEvents.ReadAll(path, out _).Select(e => e.Kind));
    }

    [Fact]
    public void TruncatedTail_IsTorn_KeepsWholeRecords_AndRecoveryCutsThere()
    {
        string path = WriteTrades("torn.journal", 10);
        Assert.Equal(HeaderBytes + 10 * TradeRecord, new FileInfo(path).Length);
        using (var f = new FileStream(path, FileMode.Open))
        {
            f.SetLength(HeaderBytes + 7 * TradeRecord + 30); // the 8th record cut after 30 of its bytes
        }

        List<EngineEvent> read = JournalEvents.ReadAll(path, out JournalDamage? damage);

        Assert.Equal([1000L, 1001, 1002, 1003, 1004, 1005, 1006], read.Select(e => e.Trade.Id));
        Assert.NotNull(damage);
        Assert.True(damage.Torn);
        Assert.Equal(HeaderBytes + 7 * TradeRecord, damage.Offset);
        Assert.Equal(7, damage.Position);
        Assert.Equal(30, damage.BytesDiscarded);

        EventJournalRecovery recovery = EventJournal.Recover(path);
        Assert.Equal(7, recovery.NextPosition);
        Assert.Equal(HeaderBytes + 7 * TradeRecord, new FileInfo(path).Length);
        Assert.Null(EventJournal.Scan(path).Damage); // clean now
    }

    [Theory]
    [InlineData(0)]   // the length field
    [InlineData(5)]   // the CRC field
    [InlineData(9)]   // the position
    [InlineData(40)]  // inside the trade's payload
    public void FlippedByte_InARecord_IsCorrupt_AtThatRecord(int byteInRecord)
    {
        string path = WriteTrades("flip.journal", 10);
        long offset = HeaderBytes + 4 * TradeRecord + byteInRecord; // inside the 5th record
        byte[] bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x10;
        File.WriteAllBytes(path, bytes);

        List<EngineEvent> read = JournalEvents.ReadAll(path, out JournalDamage? damage);

        Assert.Equal([1000L, 1001, 1002, 1003], read.Select(e => e.Trade.Id));
        Assert.NotNull(damage);
        Assert.Equal(HeaderBytes + 4 * TradeRecord, damage.Offset);
        Assert.Equal(4, damage.Position);
        Assert.Equal(6 * TradeRecord, damage.BytesDiscarded);
        if (byteInRecord != 0)
        {
            Assert.False(damage.Torn); // a flipped length may look like a record running past the end instead
            Assert.Contains("CRC-32C", damage.Reason, StringComparison.Ordinal);
        }

        EventJournal.Recover(path);
        Assert.Equal(HeaderBytes + 4 * TradeRecord, new FileInfo(path).Length);
    }

    [Fact]
    public void DamagedHeader_IsRefused_NotTreatedAsATail()
    {
        string path = WriteTrades("header.journal", 3);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[66] ^= 0x01; // a letter of the first symbol's name
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<InvalidDataException>(() => EventJournal.Recover(path));
        Assert.Contains("CRC-32C", e.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length, new FileInfo(path).Length); // untouched
    }

    [Fact]
    public void RecordsCopiedOutOfOrder_AreRefused_ByTheirPosition()
    {
        string path = WriteTrades("order.journal", 4);
        byte[] bytes = File.ReadAllBytes(path);
        // Swap records 1 and 2: each is whole and passes its CRC, but record 2's position comes where 1 was due.
        byte[] first = bytes.AsSpan(HeaderBytes + TradeRecord, TradeRecord).ToArray();
        bytes.AsSpan(HeaderBytes + 2 * TradeRecord, TradeRecord).CopyTo(bytes.AsSpan(HeaderBytes + TradeRecord));
        first.CopyTo(bytes.AsSpan(HeaderBytes + 2 * TradeRecord));
        File.WriteAllBytes(path, bytes);

        List<EngineEvent> read = JournalEvents.ReadAll(path, out JournalDamage? damage);

        Assert.Single(read);
        Assert.Contains("position 2 where 1", damage!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AfterATornTail_ContinuesPositions_FromTheLastWholeRecord()
    {
        string path = WriteTrades("append.journal", 6);
        using (var f = new FileStream(path, FileMode.Open))
        {
            f.SetLength(f.Length - 3);
        }

        EventJournalRecovery recovery;
        using (EventJournalWriter writer = EventJournalWriter.Append(path, JournalEvents.Symbols, JournalEvents.NoFsync, out recovery))
        {
            Assert.Equal(5, writer.NextPosition);
            JournalEvents.Write(writer, [JournalEvents.Trade(2000, "5", "1", 9000), JournalEvents.Trade(2001, "5", "1", 9001)]);
        }

        Assert.NotNull(recovery.Damage);
        Assert.True(recovery.Damage.Torn);
        List<EngineEvent> read = JournalEvents.ReadAll(path, out JournalDamage? damage);
        Assert.Null(damage);
        Assert.Equal([1000L, 1001, 1002, 1003, 1004, 2000, 2001], read.Select(e => e.Trade.Id));
    }

    [Fact]
    public void Append_WithOtherSymbols_IsRefused()
    {
        string path = WriteTrades("symbols.journal", 2);
        var e = Assert.Throws<InvalidDataException>(() => EventJournalWriter.Append(path, ["BTCUSDT"], JournalEvents.NoFsync, out _));
        Assert.Contains("same symbols", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OverAnExistingJournal_IsRefused()
    {
        string path = WriteTrades("exists.journal", 1);
        Assert.Throws<IOException>(() => EventJournalWriter.Create(path, JournalEvents.Symbols, JournalEvents.NoFsync));
    }

    private string WriteTrades(string name, int count)
    {
        string path = PathOf(name);
        using EventJournalWriter writer = EventJournalWriter.Create(path, JournalEvents.Symbols, JournalEvents.NoFsync);
        JournalEvents.Write(writer, Enumerable.Range(0, count).Select(i => JournalEvents.Trade(1000 + i, "60000", "0.5", 1_000_000 + i * 100)).ToList());
        return path;
    }
}
