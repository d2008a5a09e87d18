using System.Net.Http;
using Engine.Binance.Live.Orders;
using Engine.Model;
using Engine.Sim.Faults;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>The gateway with the WS API as its preferred transport and REST as the fallback, against the sim.</summary>
public sealed class WsApiGatewayTests
{
    private static Task<GatewayHarness> StartAsync(SimFaults? faults = null, bool ed25519 = false, GatewayOptions? options = null, string? wsAddress = null) =>
        GatewayHarness.StartAsync(faults, options, ed25519: ed25519, transports: (server, credentials, o) =>
        {
            var ws = new WsApiOrderTransport(new Uri(wsAddress ?? $"ws://127.0.0.1:{server.Port}/ws-fapi/v1"), credentials, o, new ServerClock());
            return (ws, new RestOrderTransport(server.BaseAddress, credentials, o));
        });

    [Fact]
    public async Task Ed25519_LogsOnOnce_ThenPlacesUnsigned_AndIsAccepted()
    {
        await using var h = await StartAsync(ed25519: true);
        await Task.Run(() =>
        {
            h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000"));
            h.Gateway.Handle(GatewayHarness.Limit(2, Side.Buy, "40000"));
            h.Gateway.Handle(OrderRequest.CancelOf(new ClientOrderId(1), OrderId.None, GatewayHarness.Btc, OrderType.Limit, 0));
        });

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Accepted, VenueReportKind.Canceled], h.Input.Reports.Select(r => r.Kind));
        var ws = (WsApiOrderTransport)GetPrimary(h);
        Assert.True(ws.LoggedOn);
        Assert.Equal(1, ws.Connects);
        Assert.Equal(0, h.Gateway.Counters.FallbackSends);
        Assert.Equal(2, h.Exchange.Desk.OrdersAccepted);
        Assert.Equal(1, h.Exchange.Desk.OrdersCanceled);
    }

    [Fact]
    public async Task Hmac_SignsEachRequest_AndTheVenueHasTheOrderAsSent()
    {
        await using var h = await StartAsync();
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(9, Side.Sell, "50000.5", "0.002")));

        VenueReport report = Assert.Single(h.Input.Reports);
        Assert.Equal(VenueReportKind.Accepted, report.Kind);
        Assert.False(((WsApiOrderTransport)GetPrimary(h)).LoggedOn); // HMAC keys cannot log on
        var (_, order) = await h.CheckAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=eng-9");
        Assert.Equal(report.VenueId.Value, order.GetProperty("orderId").GetInt64());
        Assert.Equal("50000.50", order.GetProperty("price").GetString());
        Assert.Equal("SELL", order.GetProperty("side").GetString());
    }

    [Fact]
    public async Task Http5xxPlaced_OverTheWsApi_IsUnknownThenAccepted_Once()
    {
        var faults = new SimFaults();
        faults.Orders.Http5xxRate = 1;
        faults.Orders.Http5xxPlaced = true;
        await using var h = await StartAsync(faults, ed25519: true);
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000")));

        Assert.Equal([VenueReportKind.Unknown, VenueReportKind.Accepted], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(1, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task Timeout_AbortsTheSocket_IsUnknown_ThenSettledByQueryOnANewSocket()
    {
        var faults = new SimFaults();
        faults.Orders.TimeoutRate = 1;
        var options = new GatewayOptions { RequestTimeout = TimeSpan.FromMilliseconds(800), UnknownQueryFirstDelayMs = 20 };
        await using var h = await StartAsync(faults, ed25519: true, options: options);
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000")));

        Assert.Equal([VenueReportKind.Unknown, VenueReportKind.NotFound], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(2, ((WsApiOrderTransport)GetPrimary(h)).Connects);
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:TimeoutRate"]);
        Assert.Equal(0, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task WsApiUnreachable_RestCarriesTheOrder()
    {
        await using var h = await StartAsync(wsAddress: "ws://127.0.0.1:9/ws-fapi/v1");
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000")));

        Assert.Equal(VenueReportKind.Accepted, Assert.Single(h.Input.Reports).Kind);
        Assert.Equal(1, h.Exchange.Desk.OrdersAccepted);
        Assert.Equal(1, ((WsApiOrderTransport)GetPrimary(h)).ConnectFailures);
    }

    [Fact]
    public async Task Stops_StayOnRest_TheWsApiHasNoAlgoMethods()
    {
        await using var h = await StartAsync(ed25519: true);
        h.Print("43000");
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Stop(3, Side.Sell, "42000")));
        Assert.Equal(VenueReportKind.Accepted, Assert.Single(h.Input.Reports).Kind);
    }

    private static IOrderTransport GetPrimary(GatewayHarness h) => h.Gateway.Primary;
}
