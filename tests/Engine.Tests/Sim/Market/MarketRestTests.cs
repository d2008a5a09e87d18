using System.Net;
using System.Text.Json;
using Engine.Sim;

namespace Engine.Tests.Sim.Market;

/// <summary>Public market REST over loopback: the aggTrades backfill (only what has been played), premiumIndex, depth, exchangeInfo.</summary>
public sealed class MarketRestTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Get(SimServer server, string pathAndQuery)
    {
        using var http = new HttpClient();
        HttpResponseMessage response = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Port}{pathAndQuery}"));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }

    [Fact]
    public async Task AggTrades_ServesOnlyThePlayedTape_ByIdTimeAndLimit()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o => o.Speed = 1);
        (_, JsonElement none) = await Get(server, "/fapi/v1/aggTrades?symbol=BTCUSDT");
        Assert.Equal(0, none.GetArrayLength()); // held at the first trade: nothing played yet

        server.Exchange.Clock.Start();
        await server.Exchange.TapeEnded.WaitAsync(Wait);

        // TwoSymbols: BTCUSDT trade i (0..39) at 1723161256000 + 50 i, ids 1000 + i, each its own aggregate a = i + 1.
        (_, JsonElement recent) = await Get(server, "/fapi/v1/aggTrades?symbol=BTCUSDT&limit=3");
        Assert.Equal([38L, 39L, 40L], recent.EnumerateArray().Select(a => a.GetProperty("a").GetInt64()));
        (_, JsonElement from) = await Get(server, "/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=10&limit=2");
        JsonElement first = from[0];
        Assert.Equal(10, first.GetProperty("a").GetInt64());
        Assert.Equal("61800.20", first.GetProperty("p").GetString()); // i = 9: odd, 61800.2, padded to BTCUSDT's 2 decimals
        Assert.Equal("0.001", first.GetProperty("q").GetString());
        Assert.Equal(1009, first.GetProperty("f").GetInt64());
        Assert.Equal(1009, first.GetProperty("l").GetInt64());
        Assert.Equal(1_723_161_256_450, first.GetProperty("T").GetInt64());
        Assert.False(first.GetProperty("m").GetBoolean());
        (_, JsonElement window) = await Get(server, "/fapi/v1/aggTrades?symbol=BTCUSDT&startTime=1723161256100&endTime=1723161256200");
        Assert.Equal([3L, 4L, 5L], window.EnumerateArray().Select(a => a.GetProperty("a").GetInt64()));
    }

    [Theory]
    [InlineData("/fapi/v1/aggTrades", -1102)]
    [InlineData("/fapi/v1/aggTrades?symbol=DOGEUSDT", -1121)]
    [InlineData("/fapi/v1/aggTrades?symbol=BTCUSDT&limit=1001", -1130)]
    [InlineData("/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=x", -1100)]
    [InlineData("/fapi/v1/aggTrades?symbol=BTCUSDT&startTime=0&endTime=3600001", -1127)]
    [InlineData("/fapi/v1/premiumIndex?symbol=XYZ", -1121)]
    [InlineData("/fapi/v1/depth?symbol=XYZ", -1121)]
    [InlineData("/fapi/v1/depth?symbol=BTCUSDT", -1000)]
    public async Task BadRequests_GetBinanceErrorCodes(string pathAndQuery, int code)
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols());
        (HttpStatusCode status, JsonElement body) = await Get(server, pathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task PremiumIndex_IsTheLastMarkPlayed_OrEverySymbolWithoutOne()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o => o.Speed = 20);
        server.Exchange.Clock.Start();
        await server.Exchange.TapeEnded.WaitAsync(Wait);
        (_, JsonElement btc) = await Get(server, "/fapi/v1/premiumIndex?symbol=BTCUSDT");

        // The last mark: second 1723161258000 is one second after the last trade (i = 39 at ...257950, 61800.2).
        Assert.Equal("61800.20000000", btc.GetProperty("markPrice").GetString());
        Assert.Equal(1_723_161_258_000, btc.GetProperty("time").GetInt64());
        Assert.Equal(1_723_161_600_000, btc.GetProperty("nextFundingTime").GetInt64()); // 2024-08-09 00:00 UTC
        (_, JsonElement all) = await Get(server, "/fapi/v1/premiumIndex");
        Assert.Equal(["BTCUSDT", "ETHUSDT"], all.EnumerateArray().Select(p => p.GetProperty("symbol").GetString()));
    }

    [Fact]
    public async Task ExchangeInfo_CarriesTheServersWallClock()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols());
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        (_, JsonElement info) = await Get(server, "/fapi/v1/exchangeInfo");
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(info.GetProperty("serverTime").GetInt64(), before, after);
        Assert.Contains(info.GetProperty("symbols").EnumerateArray(), s => s.GetProperty("symbol").GetString() == "ETHUSDT");
    }
}
