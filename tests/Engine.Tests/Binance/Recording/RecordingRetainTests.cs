using Engine.Binance.Recording;
using Engine.Model;

namespace Engine.Tests.Binance.Recording;

// A repeating reader checks a small recording once, on the first pass, and plays the later passes from memory; a
// recording above the retain limit is read and checked again on every pass.
public class RecordingRetainTests
{
    // 5,000 trades of one symbol: a first block of 4,096 and a second of 904. Ids 0..4,999 (first and last ids
    // id*10 .. id*10+3, so one pass spans ids 0..49,993), times 0..4,999 ms.
    private const int Trades = 5_000;
    private static readonly SymbolId[] Map = [new SymbolId(0)];

    private static byte[] Recording() =>
        RecordingTests.Record(["A"], Enumerable.Range(0, Trades).Select(i => RecordingTests.MakeTrade(0, i, i, "1.5", "2", false))).ToArray();

    // Reads the first pass, then damages a record of the first block in the bytes under the stream.
    private static RecordingReader ReadFirstPassThenDamage(byte[] bytes, long retainLimitBytes, ref EngineEvent slot)
    {
        var reader = new RecordingReader(new MemoryStream(bytes), repeat: 3, name: "r.engrec", retainLimitBytes: retainLimitBytes);
        for (int i = 0; i < Trades; i++)
        {
            Assert.True(reader.TryReadNext(ref slot, Map));
        }

        bytes[bytes.Length - 1 - (904 * RecordingLayout.RecordSize) - 100] ^= 0x40; // inside the first block, past the header
        return reader;
    }

    [Fact]
    public void Repeat_WithinTheLimit_PlaysLaterPassesFromMemory_NeverReadingTheFileAgain()
    {
        byte[] bytes = Recording();
        var slot = default(EngineEvent);
        using RecordingReader reader = ReadFirstPassThenDamage(bytes, RecordingReader.RetainLimitBytes, ref slot);
        Assert.True(reader.RetainsRecords);

        // Passes two and three: every trade comes back shifted by one pass (ids 49,994, times 5,000 ms), the damage unseen.
        for (int pass = 1; pass <= 2; pass++)
        {
            for (int i = 0; i < Trades; i++)
            {
                Assert.True(reader.TryReadNext(ref slot, Map));
                Assert.Equal(i + (pass * 49_994L), slot.Trade.Id);
                Assert.Equal((i * 10L) + 3 + (pass * 49_994L), slot.Trade.LastTradeId);
                Assert.Equal(i + (pass * 5_000L), slot.Trade.TradeTimeMs);
                Assert.Equal(Price.Parse("1.5"), slot.Trade.Price);
            }
        }

        Assert.False(reader.TryReadNext(ref slot, Map));
        Assert.Equal(3 * Trades, reader.Delivered);
    }

    [Fact]
    public void Repeat_AboveTheLimit_ChecksEveryPassAgain()
    {
        byte[] bytes = Recording();
        var slot = default(EngineEvent);
        using RecordingReader reader = ReadFirstPassThenDamage(bytes, retainLimitBytes: 1024, ref slot);
        Assert.False(reader.RetainsRecords);

        var ex = Assert.Throws<InvalidDataException>(() => reader.TryReadNext(ref slot, Map));
        long firstBlock = bytes.Length - (2 * RecordingLayout.BlockHeaderSize) - (Trades * RecordingLayout.RecordSize);
        Assert.Contains($"r.engrec: at byte {firstBlock}: block of 4096 records fails its checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnePass_KeepsNothing()
    {
        using var reader = new RecordingReader(new MemoryStream(Recording()), repeat: 1);
        Assert.False(reader.RetainsRecords);
    }
}
