using Engine.Binance.Json;
using Engine.Model;

namespace Engine.Tests.Binance.Json;

/// <summary>On the real captures the fast path takes every trade frame and agrees with the general path on every frame.</summary>
public class TradeFrameParserFastPathRealDataTests
{
    [Theory]
    [InlineData("ws/hftbacktest/usdm/btcusdt_20240808.gz", 21_313)] // trade counts from data/README.md (ws/hftbacktest)
    [InlineData("ws/hftbacktest/spot/ethusdt_20240809.gz", 8_409)]
    [InlineData("ws/cryptofeed/BINANCE_FUTURES-1125a2.0.gz", 574)]
    [InlineData("ws/cryptofeed/BINANCE-ee25be.0.gz", 1_910)]
    public void RealCaptures_FastPathMatchesGeneralPath_AndTakesEveryTrade(string file, int expectedTrades)
    {
        int trades = 0;
        int fastTrades = 0;
        var parser = new TradeFrameParser(RealData.Registry());
        foreach (ReadOnlyMemory<byte> line in RealData.Lines(RealData.ReadAllBytes(file)))
        {
            // hftbacktest lines are "<ns> <json>", cryptofeed's "<seconds>: <json>" (after a header line).
            int space = line.Span.IndexOf((byte)' ');
            if (space < 0)
            {
                continue;
            }

            ReadOnlySpan<byte> frame = line.Span[(space + 1)..];
            FrameParseResult result = GeneralPathOracle.AssertSame(frame, RealData.Registry());
            var slot = default(EngineEvent);
            if (parser.TryParseFast(frame, ref slot, out FrameParseResult fast) && fast == FrameParseResult.Trade)
            {
                fastTrades++;
            }

            trades += result == FrameParseResult.Trade ? 1 : 0;
        }

        Assert.Equal(expectedTrades, trades);
        Assert.Equal(trades, fastTrades);
    }
}
