using Engine.Binance.Recording;
using Engine.Model;

namespace Engine.Tests.Binance.Recording;

public class RecordingTests
{
    internal static Trade MakeTrade(int symbol, long id, long timeMs, string price, string qty, bool buyerIsMaker) => new()
    {
        Symbol = new SymbolId(symbol),
        Id = id,
        FirstTradeId = id * 10,
        LastTradeId = (id * 10) + 3,
        Price = Price.Parse(price),
        Quantity = Quantity.Parse(qty),
        TradeTimeMs = timeMs,
        EventTimeMs = timeMs + 5,
        BuyerIsMaker = buyerIsMaker,
        IsAggregate = true,
        Type = TradeType.Market,
    };

    internal static MemoryStream Record(IReadOnlyList<string> symbols, IEnumerable<Trade> trades)
    {
        var buffer = new MemoryStream();
        using (var writer = new RecordingWriter(new NonClosingStream(buffer), symbols))
        {
            foreach (Trade t in trades)
            {
                writer.Write(t);
            }
        }

        buffer.Position = 0;
        return buffer;
    }

    private static List<Trade> ReadAll(RecordingReader reader, SymbolId[] map)
    {
        var result = new List<Trade>();
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot, map))
        {
            Assert.Equal(EventKind.Trade, slot.Kind);
            result.Add(slot.Trade);
        }

        return result;
    }

    [Fact]
    public void WriteThenRead_GivesBackEveryFieldOfEveryTrade()
    {
        var trades = Enumerable.Range(0, 10_000)
            .Select(i => MakeTrade(i % 2, 1000 + i, 1_723_161_256_000 + i, $"{61590 + (i % 97)}.{i % 10}", $"0.{(i % 999) + 1:D3}", i % 3 == 0))
            .ToList();
        using var reader = new RecordingReader(Record(["BTCUSDT", "ETHUSDT"], trades));

        Assert.Equal(["BTCUSDT", "ETHUSDT"], reader.Symbols);
        List<Trade> back = ReadAll(reader, [new SymbolId(0), new SymbolId(1)]);
        Assert.Equal(trades, back);
    }

    [Fact]
    public void Repeat_ShiftsTimesAndPerSymbolIdsSoEachStreamStaysContinuous()
    {
        // Symbol 0 ids 100..102, symbol 1 ids 5000..5001; times span 1000..1040 ms.
        Trade[] pass =
        [
            MakeTrade(0, 100, 1000, "10", "1", false),
            MakeTrade(1, 5000, 1010, "20", "1", true),
            MakeTrade(0, 101, 1020, "10", "1", false),
            MakeTrade(1, 5001, 1030, "20", "1", true),
            MakeTrade(0, 102, 1040, "10", "1", false),
        ];
        using var reader = new RecordingReader(Record(["A", "B"], pass), repeat: 3);
        List<Trade> all = ReadAll(reader, [new SymbolId(0), new SymbolId(1)]);

        Assert.Equal(15, all.Count);
        // Ids cover FirstTradeId..LastTradeId too: symbol 0 spans 100..1023 (id*10+3), so a pass shifts it by 924.
        long spanA = 1023 - 100 + 1;
        long spanB = 50013 - 5000 + 1;
        Assert.Equal(100 + spanA, all[5].Id);
        Assert.Equal(5000 + spanB, all[6].Id);
        Assert.Equal(102 + (2 * spanA), all[14].Id);
        // Time: one pass spans 41 ms (1000..1040 inclusive); pass two starts at 1041.
        Assert.Equal(1041, all[5].TradeTimeMs);
        Assert.Equal(1040 + 82, all[14].TradeTimeMs);
        for (int i = 1; i < all.Count; i++)
        {
            Assert.True(all[i].TradeTimeMs > all[i - 1].TradeTimeMs, $"time went backwards at {i}");
        }

        Assert.Equal(15, reader.Delivered);
    }

    [Fact]
    public void CutBlock_IsAnErrorNamingTheOffset_AfterTheWholeBlocksBeforeIt()
    {
        // 5,000 trades: a first block of 4,096 and a second of 904, cut 10 bytes short.
        var trades = Enumerable.Range(0, 5_000).Select(i => MakeTrade(0, i, i, "1", "1", false)).ToList();
        byte[] full = Record(["A"], trades).ToArray();
        using var reader = new RecordingReader(new MemoryStream(full[..^10]), name: "cut.engrec");
        SymbolId[] map = [new SymbolId(0)];
        var slot = default(EngineEvent);
        int delivered = 0;

        var ex = Assert.Throws<InvalidDataException>(() =>
        {
            while (reader.TryReadNext(ref slot, map))
            {
                delivered++;
            }
        });

        Assert.Equal(4_096, delivered);
        long secondBlock = full.Length - RecordingLayout.BlockHeaderSize - (904 * RecordingLayout.RecordSize);
        Assert.Contains($"cut.engrec: at byte {secondBlock}: cut", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotARecording_IsRejectedWithAClearError()
    {
        var bogus = new MemoryStream(new byte[128]);
        var ex = Assert.Throws<InvalidDataException>(() => new RecordingReader(bogus));
        Assert.Contains("bad magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordSize_IsSixtyFourBytes()
    {
        Assert.Equal(64, RecordingLayout.RecordSize);
    }

    [Fact]
    public void Reading_AllocatesNothingPerTrade()
    {
        var trades = Enumerable.Range(0, 50_000).Select(i => MakeTrade(0, i, i, "1.5", "2", false)).ToList();
        using var reader = new RecordingReader(Record(["A"], trades));
        SymbolId[] map = [new SymbolId(0)];
        var slot = default(EngineEvent);
        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(reader.TryReadNext(ref slot, map));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int n = 0;
        while (reader.TryReadNext(ref slot, map))
        {
            n++;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(40_000, n);
    }

    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
