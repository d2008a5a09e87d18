using System.IO.Compression;
using System.Text;
using Engine.Binance.Json;
using Engine.Binance.Recorded;
using Engine.Binance.Sources;
using Engine.Model;

namespace Engine.Tests.Binance.Recorded;

public sealed class RecordedFrameReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-wire-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void HftbacktestCapture_YieldsEveryTradeWithItsRecordedNs()
    {
        // README §2: 93,954 lines of which 21,313 trades; the first trade line is
        // 1723161255088176367 {"stream":"btcusdt@trade","data":{...,"t":5266583935,"p":"61800.30","q":"0.006",...}}
        using RecordedFrameReader reader = RecordedFrameReader.Open(RealData.Path("ws/hftbacktest/usdm/btcusdt_20240808.gz"), RealData.Registry());
        var slot = default(EngineEvent);

        Assert.True(reader.TryReadNext(ref slot));
        Assert.Equal(1723161255088176367, slot.ReceivedTimestamp);
        Assert.Equal(5266583935, slot.Trade.Id);
        Assert.Equal(6_180_030_000_000, slot.Trade.Price.E8);

        long last = slot.Trade.Id;
        int events = 1;
        while (reader.TryReadNext(ref slot))
        {
            Assert.Equal(last + 1, slot.Trade.Id); // README: no id gaps in this capture
            last = slot.Trade.Id;
            events++;
        }

        Assert.Equal(21_313, events);
        Assert.Equal(93_954, reader.Stats.Lines);
        Assert.Equal(93_954 - 21_313, reader.Stats.Skipped);
        Assert.Equal(0, reader.Stats.Malformed);
        Assert.Equal(5266605247, last);
    }

    [Fact]
    public void CryptofeedCapture_SkipsHeaderAndConvertsSecondsToNs()
    {
        // First aggTrade line: 1626992742.289739: {"stream":"ctkusdt@aggTrade","data":{...,"a":16599292,...}}
        using RecordedFrameReader reader = RecordedFrameReader.Open(RealData.Path("ws/cryptofeed/BINANCE_FUTURES.ws.1.0.gz"), RealData.Registry());
        var slot = default(EngineEvent);

        Assert.True(reader.TryReadNext(ref slot));
        Assert.Equal(1626992742_289739000, slot.ReceivedTimestamp);
        Assert.Equal(16599292, slot.Trade.Id);
        Assert.True(slot.Trade.IsAggregate);
        int events = 1;
        while (reader.TryReadNext(ref slot))
        {
            events++;
        }

        Assert.Equal(91, events); // README §2
        Assert.Equal(0, reader.Stats.Malformed);
    }

    [Fact]
    public void BadLines_AreCountedAndGoodLinesAfterThemStillRead()
    {
        const string good = """{"e":"aggTrade","E":2,"a":7,"s":"BTCUSDT","p":"1.5","q":"2","f":1,"l":1,"T":1,"m":true}""";
        string path = Path.Combine(_dir, "frames.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(
                "wss://fstream.binance.com/stream?streams=btcusdt@aggTrade\n" + // 1 header: skipped
                "123 not json\n" +                                              // 2 bad prefix
                "124 {\"e\":\"aggTrade\",\"E\":\n" +                            // 3 truncated frame
                "125 {\"e\":\"depthUpdate\",\"b\":[]}\n" +                     // 4 skipped
                "126\n" +                                                       // 5 bad prefix
                "1.5: " + good + "\n"));                                        // 6 good
        }

        using RecordedFrameReader reader = RecordedFrameReader.Open(path, new SymbolRegistry(["BTCUSDT"]));
        var slot = default(EngineEvent);

        Assert.True(reader.TryReadNext(ref slot));
        Assert.Equal(1_500_000_000, slot.ReceivedTimestamp);
        Assert.Equal(7, slot.Trade.Id);
        Assert.False(reader.TryReadNext(ref slot));
        Assert.Equal(6, reader.Stats.Lines);
        Assert.Equal(2, reader.Stats.Skipped);
        Assert.Equal(2, reader.Stats.Count(LineFailure.BadPrefix));
        Assert.Equal(1, reader.Stats.Count(LineFailure.BadFrame));
        Assert.Equal(1, reader.Parser.Stats.Count(FrameParseResult.Truncated));
        Assert.Equal(5, reader.Stats.LastFailureLine);
    }

    [Fact]
    public void SteadyPath_AllocatesNothingPerLine()
    {
        // A first reader played to its end compiles the end of a file's path too (the gzip trailer check), so nothing is
        // first compiled on this thread inside the measurement; the per-line path is what is measured.
        var slot = default(EngineEvent);
        using (RecordedFrameReader warm = RecordedFrameReader.Open(RealData.Path("ws/hftbacktest/spot/ethusdt_20240808.gz"), RealData.Registry()))
        {
            while (warm.TryReadNext(ref slot))
            {
            }
        }

        using RecordedFrameReader reader = RecordedFrameReader.Open(RealData.Path("ws/hftbacktest/spot/ethusdt_20240808.gz"), RealData.Registry());
        for (int i = 0; i < 500; i++)
        {
            Assert.True(reader.TryReadNext(ref slot));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int events = 0;
        while (reader.TryReadNext(ref slot))
        {
            events++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(6_106 - 500, events);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void MarkPriceFrames_BecomeMarkPriceEvents_InFileOrder()
    {
        string path = Path.Combine(_dir, "marks.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(
                "100 {\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1000,\"a\":7,\"s\":\"BTCUSDT\",\"p\":\"60000\",\"q\":\"1\",\"f\":1,\"l\":2,\"T\":999,\"m\":false}}\n"
                + "200 {\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":1001,\"s\":\"BTCUSDT\",\"p\":\"60010.5\",\"i\":\"60000\",\"P\":\"60000\",\"r\":\"0.0001\",\"T\":28800000}}\n"
                + "300 {\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\",\"T\":1,\"E\":1}}\n"));
        }

        using RecordedFrameReader reader = RecordedFrameReader.Open(path, new SymbolRegistry(["BTCUSDT"]));
        var slot = default(EngineEvent);

        Assert.True(reader.TryReadNext(ref slot));
        Assert.Equal(EventKind.Trade, slot.Kind);
        Assert.Equal(100, slot.ReceivedTimestamp);
        Assert.True(reader.TryReadNext(ref slot));
        Assert.Equal(EventKind.MarkPrice, slot.Kind);
        Assert.Equal(200, slot.ReceivedTimestamp);
        Assert.Equal(6_001_050_000_000, slot.Mark.Price.E8);
        Assert.Equal(1001, slot.Mark.EventTimeMs);
        Assert.False(reader.TryReadNext(ref slot));
        Assert.Equal(2, reader.Stats.Events);
        Assert.Equal(1, reader.Stats.Skipped);
        Assert.Equal(0, reader.Stats.Malformed);
    }

    [Theory]
    [InlineData("1723161255088176367 {}", 1723161255088176367L)]
    [InlineData("1626992741.06217: {}", 1626992741_062170000L)]
    [InlineData("1626992741: {}", 1626992741_000000000L)]
    [InlineData("1626992741.123456789: {}", 1626992741_123456789L)]
    public void RecordedLine_SplitsPrefixExactly(string line, long expectedNs)
    {
        Assert.True(RecordedLine.TrySplit(Encoding.ASCII.GetBytes(line), out long ns, out ReadOnlySpan<byte> json));
        Assert.Equal(expectedNs, ns);
        Assert.True(json.SequenceEqual("{}"u8));
    }

    [Theory]
    [InlineData("123")]
    [InlineData("123 ")]
    [InlineData("123 [1]")]
    [InlineData("1.5 {}")]
    [InlineData("1.1234567891: {}")]
    [InlineData("12345678901234567890 {}")]
    [InlineData("x1 {}")]
    public void RecordedLine_BadPrefix_IsRefused(string line)
    {
        Assert.False(RecordedLine.TrySplit(Encoding.ASCII.GetBytes(line), out _, out _));
    }
}
