using System.Net.WebSockets;
using System.Text.Json;
using Engine.Sim.Tape;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.User;

/// <summary>
/// WS API order methods end to end: the same desk as REST (an order placed over the WS API is REST's order), the
/// recorded cancel/modify/status answers, the user events they publish arriving on the account's user socket, and the
/// Orders faults on the WS API.
/// </summary>
public class WsApiOrderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ModifyAndCancel_AnswerAsBinancesRecordedResponses_AndRestSeesTheSameOrder()
    {
        await using var host = await UserSimHost.StartAsync();
        using var client = await WsApiClient.ConnectAsync(host);
        long orderId = (await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac")).GetProperty("result").GetProperty("orderId").GetInt64();

        JsonElement modified = await client.CallAsync("order.modify", [("symbol", "BTCUSDT"), ("orderId", orderId), ("side", "BUY"), ("quantity", "0.110"), ("price", "43169.10")], sign: "hmac");
        Assert.True(modified.GetProperty("status").GetInt32() == 200, modified.GetRawText());
        JsonShape.AssertSame(BinanceFixtures.SocketPayload("UsdFutures_WsApi", "Trading_EditOrder.txt"), modified.GetRawText(), "rateLimits");
        Assert.Equal("43169.10", modified.GetProperty("result").GetProperty("price").GetString());

        // one desk: REST's GET /fapi/v1/order answers the order the WS API placed and modified
        string query = $"symbol=BTCUSDT&orderId={orderId}&timestamp={TapeClock.WallClockMs}";
        using var rest = new HttpRequestMessage(HttpMethod.Get, $"/fapi/v1/order?{query}&signature={WsApiClient.Hmac(UserSimHost.Secret, query)}");
        rest.Headers.Add("X-MBX-APIKEY", UserSimHost.ApiKey);
        using HttpResponseMessage restResponse = await host.Http.SendAsync(rest);
        using var restOrder = JsonDocument.Parse(await restResponse.Content.ReadAsStringAsync());
        Assert.Equal("0.110", restOrder.RootElement.GetProperty("origQty").GetString());

        JsonElement status = await client.CallAsync("order.status", [("symbol", "BTCUSDT"), ("orderId", orderId)], sign: "hmac");
        Assert.Equal(restOrder.RootElement.GetRawText(), status.GetProperty("result").GetRawText());

        JsonElement canceled = await client.CallAsync("order.cancel", [("symbol", "BTCUSDT"), ("orderId", orderId)], sign: "hmac");
        Assert.Equal("CANCELED", canceled.GetProperty("result").GetProperty("status").GetString());
        // Binance.Net's Trading_CancelOrder.txt is a trailing stop: its activatePrice/priceRate are the trailing order's own fields
        JsonElement expected = JsonDocument.Parse(BinanceFixtures.SocketPayload("UsdFutures_WsApi", "Trading_CancelOrder.txt")).RootElement.GetProperty("result");
        var expectedNames = expected.EnumerateObject().Select(p => p.Name).Except(["activatePrice", "priceRate"]).Order(StringComparer.Ordinal);
        var actualNames = canceled.GetProperty("result").EnumerateObject().Select(p => p.Name).Except(["avgPrice"]).Order(StringComparer.Ordinal);
        Assert.Equal(expectedNames, actualNames);
    }

    [Fact]
    public async Task AnOrderPlacedOverTheWsApi_ReachesTheAccountsUserSocket_AsBinancesOrderUpdate()
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket user = await host.ConnectAsync($"/private/ws?listenKey={key}");
        Assert.True(Deadline.WaitUntil(() => host.Exchange.UserStreamStats.SocketsOpened == 1, Wait));
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement placed = await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");
        string update = await user.ReceiveTextAsync();

        using var doc = JsonDocument.Parse(update);
        Assert.Equal("ORDER_TRADE_UPDATE", doc.RootElement.GetProperty("e").GetString());
        Assert.Equal(placed.GetProperty("result").GetProperty("orderId").GetInt64(), doc.RootElement.GetProperty("o").GetProperty("i").GetInt64());
        Assert.Equal("NEW", doc.RootElement.GetProperty("o").GetProperty("x").GetString());
        JsonShape.AssertSame(BinanceFixtures.NautilusUserData("order_update_new.json"), update, "e", "E", "T", "o");
    }

    [Fact]
    public async Task OrdersTimeoutRate_LeavesTheOrderUnanswered_AndCountsIt()
    {
        await using var host = await UserSimHost.StartAsync(faults: Engine.Sim.Faults.SimFaults.Parse("""{"Orders":{"TimeoutRate":1}}"""));
        using var client = await WsApiClient.ConnectAsync(host);

        await client.SendAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");
        string statusId = await client.SendAsync("session.status");
        JsonElement next = await client.ReceiveAsync();

        Assert.Equal(statusId, next.GetProperty("id").GetString()); // the order got no answer; the next request did
        Assert.Equal(1, host.Exchange.FaultsInjected["Orders:TimeoutRate"]);
        Assert.Equal(0, host.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task OrdersLatencyMs_DelaysButAnswers_AndCountsIt()
    {
        await using var host = await UserSimHost.StartAsync(faults: Engine.Sim.Faults.SimFaults.Parse("""{"Orders":{"LatencyMs":50}}"""));
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement response = await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");

        Assert.Equal(200, response.GetProperty("status").GetInt32());
        Assert.Equal(1, host.Exchange.FaultsInjected["Orders:LatencyMs"]);
    }

    [Fact]
    public async Task OrdersHttp5xx_WithPlaced_AnswersUnknownOutcome_ButTheOrderExists()
    {
        await using var host = await UserSimHost.StartAsync(faults: Engine.Sim.Faults.SimFaults.Parse("""{"Orders":{"Http5xxRate":1,"Http5xxPlaced":true}}"""));
        using var client = await WsApiClient.ConnectAsync(host);

        JsonElement response = await client.CallAsync("order.place", WsApiClient.LimitBuy(), sign: "hmac");

        Assert.Equal(503, response.GetProperty("status").GetInt32());
        Assert.Equal(-1000, response.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(1, host.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task AWsApiConnection_ClosesAtItsLifetime()
    {
        await using var host = await UserSimHost.StartAsync(o => o.User.ConnectionLifetime = TimeSpan.FromMilliseconds(300));
        using var client = await WsApiClient.ConnectAsync(host);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await client.Socket.ReadUntilClosedAsync());
        Assert.True(Deadline.WaitUntil(() => host.Exchange.WsApiStats.LifetimeCloses == 1, Wait));
    }

    [Fact]
    public async Task AWsApiClientThatNeverAnswersPings_IsDisconnected()
    {
        await using var host = await UserSimHost.StartAsync(o =>
        {
            o.User.PingInterval = TimeSpan.FromMilliseconds(100);
            o.User.PongTimeout = TimeSpan.FromMilliseconds(400);
        });
        using var client = await WsApiClient.ConnectAsync(host); // never reads, so never answers a ping

        Assert.True(Deadline.WaitUntil(() => host.Exchange.WsApiStats.PongTimeouts == 1, Wait));
    }
}
