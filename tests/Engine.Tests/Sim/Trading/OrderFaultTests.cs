using System.Diagnostics;
using System.Net.Http;
using Engine.Sim.Faults;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// The Orders:* faults with a scripted loopback client: a 5xx behind which the order was placed (the unknown outcome:
/// it exists when queried) or not, a timeout (no answer, nothing placed), added latency; each injection counted.
/// </summary>
public sealed class OrderFaultTests
{
    private const string Limit = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000&newClientOrderId=unknown-outcome";

    [Fact]
    public async Task Http5xx_Placed_OrderExistsWhenQueried()
    {
        var faults = new SimFaults();
        faults.Orders.Http5xxRate = 1;
        faults.Orders.Http5xxPlaced = true;
        await using var h = await TradingHarness.StartAsync(faults);
        using var response = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(-1000, await AuthTests.CodeOf(response));

        // The client reconciles: it asks for its own client order id (queries are not order requests: no fault).
        var (status, order) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=unknown-outcome");
        Assert.Equal((200, "NEW"), (status, order.GetProperty("status").GetString()));
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:Http5xxRate"]);
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:Http5xxPlaced"]);
    }

    [Fact]
    public async Task Http5xx_NotPlaced_OrderDoesNotExist()
    {
        var faults = new SimFaults();
        faults.Orders.Http5xxRate = 1;
        await using var h = await TradingHarness.StartAsync(faults);
        using var response = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(-1008, await AuthTests.CodeOf(response));
        var (_, order) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=unknown-outcome");
        Assert.Equal(-2013, order.GetProperty("code").GetInt32());
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:Http5xxRate"]);
        Assert.Equal(0, h.Exchange.FaultsInjected["Orders:Http5xxPlaced"]);
    }

    [Fact]
    public async Task Timeout_NoAnswerUntilTheClientGivesUp_NothingPlaced()
    {
        var faults = new SimFaults();
        faults.Orders.TimeoutRate = 1;
        await using var h = await TradingHarness.StartAsync(faults);
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit, cancel: giveUp.Token));
        }

        faults.Orders.TimeoutRate = 0;
        var (_, order) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=unknown-outcome");
        Assert.Equal(-2013, order.GetProperty("code").GetInt32());
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:TimeoutRate"]);
    }

    [Fact]
    public async Task Latency_DelaysOrderRequests_NotQueries()
    {
        var faults = new SimFaults();
        faults.Orders.LatencyMs = 300;
        await using var h = await TradingHarness.StartAsync(faults);
        var watch = Stopwatch.StartNew();
        using var response = await h.SendAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 300, $"answered after {watch.ElapsedMilliseconds} ms");
        await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=unknown-outcome");
        Assert.Equal(1, h.Exchange.FaultsInjected["Orders:LatencyMs"]);
    }
}
