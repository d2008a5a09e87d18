using System.Text.Json;
using Engine.Binance.ExchangeInfo;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Tape;

namespace Engine.Tests.Sim.Market;

public sealed class ExchangeInfoTests
{
    [Fact]
    public async Task ExchangeInfoJson_IsTheRecordedDocument_WithItsRateLimits_AndEveryTapeSymbol()
    {
        var symbols = new SymbolRegistry();
        Trade[] trades =
        [
            MarketTapes.Raw(symbols, "BTCUSDT", 1, "61800.3", "0.006", 1_723_161_256_322),
            MarketTapes.Raw(symbols, "FOOUSDT", 7, "0.69067", "369.5", 1_723_161_256_400),
        ];
        await using SimServer server = await MarketTapes.Host(SimTape.Of(trades, symbols));
        using JsonDocument doc = JsonDocument.Parse(server.Exchange.ExchangeInfoJson);
        JsonElement root = doc.RootElement;

        // The recorded answer's own limits (Binance, 2021-07-21): 2400 weight/min, 1200 orders/min, 300 orders/10 s.
        JsonElement[] limits = [.. root.GetProperty("rateLimits").EnumerateArray()];
        Assert.Equal(3, limits.Length);
        Assert.Equal("REQUEST_WEIGHT", limits[0].GetProperty("rateLimitType").GetString());
        Assert.Equal(2400, limits[0].GetProperty("limit").GetInt32());
        Assert.Equal(300, limits[2].GetProperty("limit").GetInt32());

        // 122 recorded symbols plus the one the tape adds; the recorded ones keep their filters.
        JsonElement[] listed = [.. root.GetProperty("symbols").EnumerateArray()];
        Assert.Equal(123, listed.Length);
        ExchangeInfoDocument parsed = ExchangeInfoLoader.Parse(server.Exchange.ExchangeInfoJson);
        Assert.Empty(parsed.Problems);
        Assert.True(parsed.TryGetFilters("BTCUSDT", out SymbolFilters btc));
        Assert.Equal(1_000_000L, btc.TickSize.E8); // "tickSize": "0.01" recorded

        // The added symbol: BTCUSDT's entry with its own names and the tape's decimals (5 for price, 1 for quantity).
        JsonElement foo = listed[^1];
        Assert.Equal("FOOUSDT", foo.GetProperty("symbol").GetString());
        Assert.Equal("FOO", foo.GetProperty("baseAsset").GetString());
        Assert.Equal(5, foo.GetProperty("pricePrecision").GetInt32());
        Assert.Equal(1, foo.GetProperty("quantityPrecision").GetInt32());
        Assert.True(parsed.TryGetFilters("FOOUSDT", out SymbolFilters fooFilters));
        Assert.Equal(1_000L, fooFilters.TickSize.E8);        // 0.00001
        Assert.Equal(10_000_000L, fooFilters.StepSize.E8);   // 0.1
        Assert.Equal(btc.MinNotional, fooFilters.MinNotional); // copied from BTCUSDT
    }
}
