using System.Text.Json;
using Engine.Sim.Tape;

namespace Engine.Tests.Sim.User;

/// <summary>
/// The WS API on <c>/ws-fapi/v1</c> with a scripted loopback client: Binance's envelope, session.logon (Ed25519 only),
/// signed requests without a session, the shared desk and limits, and the recorded responses of Binance.Net's
/// UsdFutures_WsApi fixtures.
/// </summary>
public class WsApiTests
{
    [Fact]
    public async Task SignedOrderPlace_WithoutLogon_IsAccepted_InBinancesEnvelope()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement response = await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");

        Assert.True(response.GetProperty("status").GetInt32() == 200, response.GetRawText());
        JsonShape.AssertSame(BinanceFixtures.SocketPayload("UsdFutures_WsApi", "Trading_PlaceOrder.txt"), response.GetRawText());
        JsonElement result = response.GetProperty("result");
        Assert.Equal("NEW", result.GetProperty("status").GetString());
        Assert.Equal("43187.00", result.GetProperty("price").GetString());
        Assert.Equal("0.100", result.GetProperty("origQty").GetString());
    }

    [Fact]
    public async Task RateLimits_CountTheHandshakeAndEachRequest_OrdersFirst()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement first = await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");
        JsonElement second = await client.CallAsync("order.place", WsApiClient.LimitBuy("43000.00"), sign: "hmac");

        // handshake weight 5 + 1 per request; ORDERS 10 s and 1 min count each new order (exchangeInfo: 300/10 s, 1200/min, 2400/min)
        string[] expectFirst = ["ORDERS SECOND 10 300 1", "ORDERS MINUTE 1 1200 1", "REQUEST_WEIGHT MINUTE 1 2400 6"];
        string[] expectSecond = ["ORDERS SECOND 10 300 2", "ORDERS MINUTE 1 1200 2", "REQUEST_WEIGHT MINUTE 1 2400 7"];
        Assert.Equal(expectFirst, Limits(first));
        Assert.Equal(expectSecond, Limits(second));
    }

    [Fact]
    public async Task ReturnRateLimitsFalse_LeavesThemOut()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host, "?returnRateLimits=false");

        JsonElement response = await client.CallAsync("session.status");

        Assert.False(response.TryGetProperty("rateLimits", out _));
        Assert.False(response.GetProperty("result").GetProperty("returnRateLimits").GetBoolean());
    }

    [Fact]
    public async Task Logon_WithEd25519_ThenUnsignedOrders_RunOnTheSession_UntilLogout()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement logon = await client.CallAsync("session.logon", sign: "ed25519");
        Assert.True(logon.GetProperty("status").GetInt32() == 200, logon.GetRawText());
        // Binance's documented session.logon result: apiKey, authorizedSince, connectedSince, returnRateLimits, serverTime
        JsonShape.AssertSame("""{"apiKey":"vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A","authorizedSince":1649729878532,"connectedSince":1649729873021,"returnRateLimits":false,"serverTime":1649729878630}""", logon.GetProperty("result").GetRawText());
        Assert.Equal(UserSimHost.EdApiKey, logon.GetProperty("result").GetProperty("apiKey").GetString());

        JsonElement placed = await client.CallAsync("order.place", WsApiClient.LimitBuy());
        Assert.True(placed.GetProperty("status").GetInt32() == 200, placed.GetRawText());
        long orderId = placed.GetProperty("result").GetProperty("orderId").GetInt64();

        JsonElement status = await client.CallAsync("order.status", [("symbol", "BTCUSDT"), ("orderId", orderId)]);
        Assert.Equal(orderId, status.GetProperty("result").GetProperty("orderId").GetInt64());

        JsonElement session = await client.CallAsync("session.status");
        Assert.Equal(UserSimHost.EdApiKey, session.GetProperty("result").GetProperty("apiKey").GetString());

        JsonElement logout = await client.CallAsync("session.logout");
        Assert.Equal(JsonValueKind.Null, logout.GetProperty("result").GetProperty("apiKey").ValueKind);
        Assert.Equal(JsonValueKind.Null, logout.GetProperty("result").GetProperty("authorizedSince").ValueKind);

        JsonElement refused = await client.CallAsync("order.place", WsApiClient.LimitBuy());
        Assert.Equal(400, refused.GetProperty("status").GetInt32());
        Assert.Equal(-1102, refused.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Logon_WithAnHmacSignature_IsRefusedWith1022()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement response = await client.CallAsync("session.logon", sign: "hmac");

        Assert.Equal(400, response.GetProperty("status").GetInt32());
        Assert.Equal(-1022, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, (await client.CallAsync("session.status")).GetProperty("result").GetProperty("apiKey").ValueKind);
    }

    [Fact]
    public async Task ABadSignature_Is1022_AndAStaleTimestamp1021_InTheErrorEnvelope()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);

        string id = await client.SendAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");
        JsonElement ok = await client.ReceiveAsync();
        Assert.Equal(200, ok.GetProperty("status").GetInt32());

        string tampered = $$$"""{"id":"t1","method":"order.place","params":{"apiKey":"{{{UserSimHost.ApiKey}}}","symbol":"BTCUSDT","side":"BUY","type":"LIMIT","timeInForce":"GTC","quantity":"0.200","price":"43187.00","timestamp":{{{TapeClock.WallClockMs}}},"signature":"{{{new string('a', 64)}}}"}}""";
        await client.SendRawAsync(tampered);
        JsonElement bad = await client.ReceiveAsync();
        // {"id":…,"status":400,"error":{"code":…,"msg":…},"rateLimits":[…]}
        JsonShape.AssertSame("""{"id":"x","status":400,"error":{"code":-1022,"msg":"m"},"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400,"count":1}]}""", bad.GetRawText());
        Assert.Equal("t1", bad.GetProperty("id").GetString());
        Assert.Equal(-1022, bad.GetProperty("error").GetProperty("code").GetInt32());

        JsonElement stale = await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac", timestamp: TapeClock.WallClockMs - 60_000);
        Assert.Equal(-1021, stale.GetProperty("error").GetProperty("code").GetInt32());
        Assert.NotEqual(id, stale.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"id":7,"method":"no.such"}""", "7", -1100)]
    [InlineData("""{"id":"a","params":{}}""", "\"a\"", -1102)]
    [InlineData("""not json""", "null", -1100)]
    public async Task BadRequests_AreAnsweredWithAnError_EchoingTheId(string request, string idJson, int code)
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);

        await client.SendRawAsync(request);
        JsonElement response = await client.ReceiveAsync();

        Assert.Equal(idJson, response.GetProperty("id").GetRawText());
        Assert.Equal(400, response.GetProperty("status").GetInt32());
        Assert.Equal(code, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(1, host.Exchange.WsApiStats.Errors);
    }

    private static string[] Limits(JsonElement response) =>
        [.. response.GetProperty("rateLimits").EnumerateArray().Select(r =>
            $"{r.GetProperty("rateLimitType").GetString()} {r.GetProperty("interval").GetString()} {r.GetProperty("intervalNum").GetInt32()} {r.GetProperty("limit").GetInt64()} {r.GetProperty("count").GetInt64()}")];
}
