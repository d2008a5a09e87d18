using System.Text;
using Engine.Binance.Json;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Json;

/// <summary>The parser on every frame of the real captures agrees field by field with an independent System.Text.Json decode.</summary>
public class TradeFrameParserRealDataTests
{
    // Trade message counts and line counts per file, from data/README.md (ws/hftbacktest).
    [Theory]
    [InlineData("ws/hftbacktest/usdm/btcusdt_20240718.gz", 974, 11_414)]
    [InlineData("ws/hftbacktest/usdm/btcusdt_20240719.gz", 9_727, 60_570)]
    [InlineData("ws/hftbacktest/usdm/ethusdt_20240718.gz", 1_640, 14_003)]
    [InlineData("ws/hftbacktest/usdm/ethusdt_20240719.gz", 12_015, 55_910)]
    [InlineData("ws/hftbacktest/usdm/btcusdt_20240808.gz", 21_313, 93_954)]
    [InlineData("ws/hftbacktest/spot/btcusdt_20240808.gz", 9_757, 41_249)]
    [InlineData("ws/hftbacktest/spot/btcusdt_20240809.gz", 10_147, 58_325)]
    [InlineData("ws/hftbacktest/spot/ethusdt_20240808.gz", 6_106, 33_618)]
    [InlineData("ws/hftbacktest/spot/ethusdt_20240809.gz", 8_409, 46_126)]
    public void HftbacktestCapture_EveryTradeFrameMatchesIndependentDecode(string file, int trades, int lines)
    {
        List<ReadOnlyMemory<byte>> frames = [];
        foreach (ReadOnlyMemory<byte> line in RealData.Lines(RealData.ReadAllBytes(file)))
        {
            int space = line.Span.IndexOf((byte)' ');
            frames.Add(line[(space + 1)..]);
        }

        TradeFrameParser parser = CheckAll(frames);

        Assert.Equal(lines, frames.Count);
        Assert.Equal(trades, parser.Stats.Trades);
        Assert.Equal(lines - trades, parser.Stats.Skipped);
        Assert.Equal(0, parser.Stats.Malformed);
    }

    // aggTrade message counts per file, from data/README.md (ws/cryptofeed).
    [Theory]
    [InlineData("ws/cryptofeed/BINANCE_FUTURES.ws.1.0.gz", 91)]
    [InlineData("ws/cryptofeed/BINANCE_FUTURES.ws.5.0.gz", 185)]
    [InlineData("ws/cryptofeed/BINANCE_FUTURES-1125a2.0.gz", 574)]
    [InlineData("ws/cryptofeed/BINANCE-ee25be.0.gz", 1_910)]
    public void CryptofeedCapture_EveryAggTradeFrameMatchesIndependentDecode(string file, int aggTrades)
    {
        List<ReadOnlyMemory<byte>> frames = [];
        foreach (ReadOnlyMemory<byte> line in RealData.Lines(RealData.ReadAllBytes(file)))
        {
            string text = Encoding.UTF8.GetString(line.Span);
            int colon = text.IndexOf(": ", StringComparison.Ordinal);
            if (text.Length > 0 && char.IsAsciiDigit(text[0]) && colon > 0)
            {
                frames.Add(line[(colon + 2)..]);
            }
        }

        TradeFrameParser parser = CheckAll(frames);

        Assert.Equal(aggTrades, parser.Stats.Trades);
        Assert.Equal(0, parser.Stats.Malformed);
    }

    [Fact]
    public void Fixtures_EveryTradeFrameMatchesIndependentDecode_OthersAreNotTrades()
    {
        List<ReadOnlyMemory<byte>> frames = [];
        foreach (string path in Directory.EnumerateFiles(RealData.Path("ws/nautilus"), "*.json", SearchOption.AllDirectories))
        {
            frames.Add(File.ReadAllBytes(path));
        }

        foreach (string path in Directory.EnumerateFiles(RealData.Path("ws/binance_net"), "*.txt", SearchOption.AllDirectories))
        {
            // Binance.Net fixtures: the pushed payload follows a line holding only '='.
            string text = File.ReadAllText(path);
            int marker = text.IndexOf("\n= ", StringComparison.Ordinal) is int k and >= 0 ? k : text.IndexOf("\n=\n", StringComparison.Ordinal);
            if (marker >= 0)
            {
                frames.Add(Encoding.UTF8.GetBytes(text[(text.IndexOf('\n', marker + 1) + 1)..]));
            }
        }

        TradeFrameParser parser = CheckAll(frames);

        Assert.True(frames.Count > 100, $"only {frames.Count} fixture frames found");
        Assert.True(parser.Stats.Trades >= 5, $"only {parser.Stats.Trades} trade fixtures parsed");
    }

    [Fact]
    public void RealFrames_WarmPath_AllocatesNothing()
    {
        List<byte[]> frames = [];
        foreach (ReadOnlyMemory<byte> line in RealData.Lines(RealData.ReadAllBytes("ws/hftbacktest/usdm/btcusdt_20240718.gz")))
        {
            int space = line.Span.IndexOf((byte)' ');
            frames.Add(line[(space + 1)..].ToArray());
        }

        var parser = new TradeFrameParser(RealData.Registry());
        var slot = default(EngineEvent);
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < frames.Count; i++)
            {
                parser.TryParse(frames[i], ref slot);
            }
        });
        Assert.Equal(2 * 974, parser.Stats.Trades);
    }

    private static TradeFrameParser CheckAll(List<ReadOnlyMemory<byte>> frames)
    {
        SymbolRegistry registry = RealData.Registry();
        var parser = new TradeFrameParser(registry);
        int checkedTrades = 0;
        foreach (ReadOnlyMemory<byte> frame in frames)
        {
            var slot = default(EngineEvent);
            FrameParseResult result = parser.TryParse(frame.Span, ref slot);

            // Only a frame naming "trade" can hold one; the rest are still run through the parser above.
            ExpectedTrade? expected = frame.Span.IndexOf("rade\""u8) >= 0 ? IndependentTradeDecoder.Decode(frame) : null;
            if (expected is null)
            {
                Assert.NotEqual(FrameParseResult.Trade, result);
                continue;
            }

            Assert.True(result == FrameParseResult.Trade, $"{result} for {Encoding.UTF8.GetString(frame.Span)}");
            Trade t = slot.Trade;
            Assert.Equal(EventKind.Trade, slot.Kind);
            Assert.Equal(expected.Symbol, registry.NameOf(t.Symbol));
            Assert.Equal(expected.IsAggregate, t.IsAggregate);
            Assert.Equal(expected.Id, t.Id);
            Assert.Equal(expected.FirstTradeId, t.FirstTradeId);
            Assert.Equal(expected.LastTradeId, t.LastTradeId);
            Assert.Equal(expected.Price, t.Price.ToDecimal());
            Assert.Equal(expected.Quantity, t.Quantity.ToDecimal());
            Assert.Equal(expected.TradeTimeMs, t.TradeTimeMs);
            Assert.Equal(expected.EventTimeMs, t.EventTimeMs);
            Assert.Equal(expected.BuyerIsMaker, t.BuyerIsMaker);
            TradeType type = expected.TradeType switch
            {
                null or "MARKET" => TradeType.Market,
                "INSURANCE_FUND" => TradeType.InsuranceFund,
                "ADL" => TradeType.Adl,
                _ => TradeType.Other,
            };
            Assert.Equal(type, t.Type);
            checkedTrades++;
        }

        Assert.Equal(checkedTrades, parser.Stats.Trades);
        return parser;
    }
}
