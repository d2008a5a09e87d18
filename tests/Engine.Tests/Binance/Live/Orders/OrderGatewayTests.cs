using System.Net.Http;
using System.Text.Json;
using Engine.Binance.Live.Orders;
using Engine.Model;
using Engine.Sim.Faults;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// The gateway against the sim over loopback: placement with deterministic client ids, the Algo Service for stops, and
/// the order faults of issue #17's proof list, each outcome checked against the sim's own record (its desk counters and
/// a signed query made by the test, not by the gateway).
/// </summary>
public sealed class OrderGatewayTests
{
    [Fact]
    public async Task Submit_Limit_IsAccepted_UnderItsDeterministicClientId()
    {
        await using var h = await GatewayHarness.StartAsync();
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(7, Side.Buy, "40000")));

        VenueReport report = Assert.Single(h.Input.Reports);
        Assert.Equal(VenueReportKind.Accepted, report.Kind);
        Assert.Equal(new ClientOrderId(7), report.ClientId);
        var (status, order) = await h.CheckAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=eng-7");
        Assert.Equal(200, status);
        Assert.Equal(order.GetProperty("orderId").GetInt64(), report.VenueId.Value);
        Assert.Equal("40000.00", order.GetProperty("price").GetString());
        Assert.Equal("0.010", order.GetProperty("origQty").GetString());
        Assert.True(h.Input.AllPublished);
    }

    [Fact]
    public async Task Submit_5xxWithTheOrderPlaced_IsUnknownThenAccepted_AndNeverSubmittedTwice()
    {
        var faults = new SimFaults();
        faults.Orders.Http5xxRate = 1;
        faults.Orders.Http5xxPlaced = true;
        await using var h = await GatewayHarness.StartAsync(faults);
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000")));

        Assert.Equal([VenueReportKind.Unknown, VenueReportKind.Accepted], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:Http5xxPlaced"]);
        Assert.Equal(1, h.Exchange.Desk.OrdersAccepted); // one order at the venue: no second submission
        Assert.Equal(1, await h.OpenOrderCountAsync());
        var (_, order) = await h.CheckAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=eng-1");
        Assert.Equal(order.GetProperty("orderId").GetInt64(), h.Input.Reports[1].VenueId.Value);
        Assert.Equal(1, h.Gateway.Counters.UnknownsResolved);
    }

    [Fact]
    public async Task Submit_5xxNotPlaced_IsUnknownThenNotFound_WhichTheOmsSettlesAsRejected()
    {
        var faults = new SimFaults();
        faults.Orders.Http5xxRate = 1;
        await using var h = await GatewayHarness.StartAsync(faults);
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000")));

        Assert.Equal([VenueReportKind.Unknown, VenueReportKind.NotFound], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(BinanceErrorCode.NoSuchOrder, h.Input.Reports[1].ErrorCode);
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:Http5xxRate"]); // the gateway sent the order once
        Assert.Equal(0, h.Exchange.Desk.OrdersAccepted);
        Assert.Equal(0, await h.OpenOrderCountAsync());
        Assert.True(Engine.Oms.OrderStateMachine.TryNext(OrderStatus.Unknown, Engine.Oms.OrderEvent.NotFound, out OrderStatus settled));
        Assert.Equal(OrderStatus.Rejected, settled);
    }

    [Fact]
    public async Task Submit_Timeout_IsUnknownThenNotFound_AndNotResent()
    {
        var faults = new SimFaults();
        faults.Orders.TimeoutRate = 1;
        var options = new GatewayOptions { RequestTimeout = TimeSpan.FromMilliseconds(800), UnknownQueryFirstDelayMs = 20 };
        await using var h = await GatewayHarness.StartAsync(faults, options);
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(3, Side.Sell, "50000")));

        Assert.Equal([VenueReportKind.Unknown, VenueReportKind.NotFound], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(BinanceErrorCode.Timeout, h.Input.Reports[0].ErrorCode);
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:TimeoutRate"]);
        Assert.Equal(0, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task Stop_AlreadyTriggered_IsRejectedMinus2021_OnceAndFinal()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Print("43000");
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Stop(4, Side.Sell, "44000")));

        VenueReport report = Assert.Single(h.Input.Reports);
        Assert.Equal((VenueReportKind.Rejected, BinanceErrorCode.OrderWouldImmediatelyTrigger), (report.Kind, report.ErrorCode));
        Assert.Equal(1, h.Gateway.Counters.Requests); // a final refusal: no retry
        Assert.Equal(Engine.Oms.VenueErrorAction.WouldTriggerImmediately, Engine.Oms.VenueErrorPolicy.Classify(report.ErrorCode));
    }

    [Fact]
    public async Task Stop_GoesToTheAlgoService_ByClientAlgoId_AndIsCancelledThere()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Print("43000");
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Stop(5, Side.Sell, "42000")));
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Stop(6, Side.Sell, "45000", type: OrderType.TakeProfitMarket)));

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Accepted], h.Input.Reports.Select(r => r.Kind));
        var (_, open) = await h.CheckAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        var byId = open.EnumerateArray().ToDictionary(a => a.GetProperty("clientAlgoId").GetString()!, a => a);
        Assert.Equal(["eng-5", "eng-6"], byId.Keys.Order());
        Assert.Equal(h.Input.Reports[0].VenueId.Value, byId["eng-5"].GetProperty("algoId").GetInt64());
        Assert.Equal("STOP_MARKET", byId["eng-5"].GetProperty("orderType").GetString());
        Assert.Equal("42000.00", byId["eng-5"].GetProperty("triggerPrice").GetString());
        Assert.Equal("TAKE_PROFIT_MARKET", byId["eng-6"].GetProperty("orderType").GetString());
        Assert.Equal(0, await h.OpenOrderCountAsync()); // not on the order endpoint

        await Task.Run(() => h.Gateway.Handle(OrderRequest.CancelOf(new ClientOrderId(5), OrderId.None, GatewayHarness.Btc, OrderType.StopMarket, 0)));
        Assert.Equal(VenueReportKind.Canceled, h.Input.Reports[^1].Kind);
        (_, open) = await h.CheckAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        Assert.Equal("eng-6", Assert.Single(open.EnumerateArray()).GetProperty("clientAlgoId").GetString());
    }

    /// <summary>
    /// A stop placed before a restart: this gateway never sent it, and only the order's type says it lives in the Algo
    /// Service. (It used to remember its own algo submits only: the cancel went to the order endpoint, -2011, and the OMS
    /// kept the stop as working while the venue kept it open for a position long closed.)
    /// </summary>
    [Fact]
    public async Task Stop_PlacedByAnEarlierProcess_IsCancelledAndQueriedAtTheAlgoService()
    {
        await using var h = await GatewayHarness.StartAsync();
        h.Print("43000");
        (int placed, _) = await h.CheckAsync(HttpMethod.Post, "/fapi/v1/algoOrder",
            "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=42000&clientAlgoId=eng-7");
        Assert.Equal(200, placed);

        await Task.Run(() =>
        {
            h.Gateway.Handle(OrderRequest.QueryOf(new ClientOrderId(7), OrderId.None, GatewayHarness.Btc, OrderType.StopMarket, 0));
            h.Gateway.Handle(OrderRequest.CancelOf(new ClientOrderId(7), OrderId.None, GatewayHarness.Btc, OrderType.StopMarket, 0));
        });

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Canceled], h.Input.Reports.Select(r => r.Kind));
        (_, JsonElement open) = await h.CheckAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        Assert.Equal(0, open.GetArrayLength());
    }

    [Fact]
    public async Task Cancel_And_Query_ReportTheVenuesState()
    {
        await using var h = await GatewayHarness.StartAsync();
        await Task.Run(() =>
        {
            h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000"));
            h.Gateway.Handle(OrderRequest.QueryOf(new ClientOrderId(1), OrderId.None, GatewayHarness.Btc, OrderType.Limit, 0));
            h.Gateway.Handle(OrderRequest.CancelOf(new ClientOrderId(1), OrderId.None, GatewayHarness.Btc, OrderType.Limit, 0));
            h.Gateway.Handle(OrderRequest.CancelOf(new ClientOrderId(1), OrderId.None, GatewayHarness.Btc, OrderType.Limit, 0));
            h.Gateway.Handle(OrderRequest.QueryOf(new ClientOrderId(99), OrderId.None, GatewayHarness.Btc, OrderType.Limit, 0));
        });

        List<VenueReport> r = h.Input.Reports;
        Assert.Equal(
            [VenueReportKind.Accepted, VenueReportKind.Accepted, VenueReportKind.Canceled, VenueReportKind.CancelRejected, VenueReportKind.NotFound],
            r.Select(x => x.Kind));
        Assert.Equal((BinanceErrorCode)(-2011), r[3].ErrorCode);
        Assert.Equal(BinanceErrorCode.NoSuchOrder, r[4].ErrorCode);
        Assert.Equal(0, await h.OpenOrderCountAsync());
    }

    [Fact]
    public async Task ClockSkew_Minus1021_ResyncsAndSendsOnce_More()
    {
        var faults = new SimFaults();
        await using var h = await GatewayHarness.StartAsync(faults);
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000"))); // synced at its first request
        faults.Clock.SkewMs = -30_000; // the venue's clock now runs 30 s behind the one the gateway synced to
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(2, Side.Buy, "40000")));

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Accepted], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(1, h.Gateway.Counters.TimestampRetries);
        Assert.True(h.Exchange.FaultsInjected["Clock:SkewMs"] >= 1);
        Assert.InRange(h.Gateway.Clock.OffsetMs, -31_000, -29_000);
        Assert.Equal(2, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task PrimaryUnreachable_TheRequestGoesOnTheFallback_Once()
    {
        await using var h = await GatewayHarness.StartAsync(transports: (server, credentials, options) =>
        {
            var closed = new RestOrderTransport(new Uri("http://127.0.0.1:9"), credentials, options); // discard port: refused
            return (closed, new RestOrderTransport(server.BaseAddress, credentials, options));
        });
        await Task.Run(() => h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000")));

        Assert.Equal(VenueReportKind.Accepted, Assert.Single(h.Input.Reports).Kind);
        Assert.Equal(1, h.Gateway.Counters.FallbackSends);
        Assert.Equal(1, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task RateLimit_429Storm_PausesPerRetryAfter_NeverBanned_OrdersResumedInOrder()
    {
        await using var h = await GatewayHarness.StartAsync();
        // The venue allows 5 orders a second; the gateway believes Binance's published 300 per 10 s: it meets 429s.
        h.Exchange.Limits.SetRules([new("REQUEST_WEIGHT", "MINUTE", 1, 2400), new("ORDERS", "SECOND", 1, 5)]);
        var throttledUntil = new List<long>();
        h.Gateway.OnThrottled = throttledUntil.Add;
        await Task.Run(() =>
        {
            for (int id = 1; id <= 16; id++)
            {
                h.Gateway.Handle(GatewayHarness.Limit(id, Side.Buy, "40000"));
            }
        });

        List<VenueReport> reports = h.Input.Reports;
        Assert.All(reports, r => Assert.Equal(VenueReportKind.Accepted, r.Kind));
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), reports.Select(r => r.ClientId.Value));
        Assert.True(h.Gateway.Counters.Throttled >= 1, "the storm never reached the gateway");
        Assert.Equal(h.Gateway.Counters.Throttled, throttledUntil.Count); // the engine side was told each time
        List<long> pauses = h.Input.Throttles; // through the input ring, as an event the risk gate acts on
        Assert.Equal(throttledUntil.Count, pauses.Count);
        Assert.All(pauses, ms => Assert.InRange(ms, 1, 60_000)); // the sim's Retry-After, at least a second, as time left
        Assert.True(h.Exchange.Limits.Refused429 >= 1);
        Assert.Equal(0, h.Exchange.Limits.Refused418);
        Assert.Equal(0, h.Gateway.Counters.Banned);
        Assert.Equal(16, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task RateLimit_BucketsFromTheVenuesRules_AvoidThe429_ByWaiting()
    {
        var rules = new Engine.Binance.Live.Orders.RateLimitRule[] { new(false, 60_000, 2400), new(true, 1_000, 5) };
        await using var h = await GatewayHarness.StartAsync(limiter: new VenueRateLimiter(rules));
        h.Exchange.Limits.SetRules([new("REQUEST_WEIGHT", "MINUTE", 1, 2400), new("ORDERS", "SECOND", 1, 5)]);
        await Task.Run(() =>
        {
            for (int id = 1; id <= 10; id++)
            {
                h.Gateway.Handle(GatewayHarness.Limit(id, Side.Buy, "40000"));
            }
        });

        Assert.Equal(Enumerable.Repeat(VenueReportKind.Accepted, 10), h.Input.Reports.Select(r => r.Kind));
        Assert.True(h.Gateway.Counters.RateLimitWaits >= 1);
        Assert.Equal(0, h.Exchange.Limits.Refused429);
        Assert.Equal(0, h.Gateway.Counters.Throttled);
    }
}
