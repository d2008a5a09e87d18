using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Engine.Binance.Live.Reconcile;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Risk;

namespace Engine.Tests.Binance.Live.Reconcile;

/// <summary>
/// The start-up reconciliation against the in-process sim, one test per kind of difference: what the engine's OMS
/// holds after the pass (its position, its orders) is compared with the sim's own answers, and fees and prices with
/// hand-computed values (the sim's maker fee 0.0002 × 0.010 × 40000 = 0.08 USDT).
/// </summary>
public sealed class StartupReconcilerSimTests
{
    private static readonly Dictionary<string, Price> Ticks = new() { ["BTCUSDT"] = Price.Parse("0.01") };

    [Fact]
    public async Task FillWhileDown_IsAppliedToTheEngine_ItsPositionEqualsTheSims_AndItsPlanPlacesTheStop()
    {
        await using var h = await ReconcileHarness.StartAsync();
        ClientOrderId id = h.SubmitLimitEntry(Side.Buy, "40000");
        long venueId = await h.PlaceAtSimAsync(id, Side.Buy, "40000");
        h.Acknowledge(id, venueId);
        h.Sim.Print("39990", "1", 2); // the engine is down: the entry fills and nobody hears it

        ReconcileResult result = await h.ReconcileAsync();

        Assert.True(result.Succeeded, result.Failure);
        ReconcileDifference fill = Assert.Single(result.Differences);
        Assert.Equal((ReconcileDifferenceKind.FillWhileDown, id, venueId), (fill.Kind, fill.ClientId, fill.VenueId));
        Assert.Equal((Quantity.Parse("0.010"), Price.Parse("40000")), (fill.Quantity, fill.Price));
        Assert.Equal(result.Differences, h.Alerts);
        Quantity atSim = await h.SimPositionAsync();
        Position p = h.Engine.OrderManager.PositionOf(ReconcileHarness.Btc);
        Assert.Equal(atSim, p.Size);
        Assert.Equal(Quantity.Parse("0.010"), p.Size);
        Assert.Equal(Price.Parse("40000"), p.AveragePrice);
        Assert.Equal(Money.FromDecimal(0.08m), p.Fees);
        Assert.Equal(OrderStatus.Filled, h.Engine.OrderManager.OrderOf(id, out _).Status);
        OrderRequest stop = h.Engine.Output.OfKind(OutputKind.OrderRequested).Single(o => o.Order.Type == OrderType.StopMarket).Order; // the engine protects its own position
        Assert.Equal((Side.Sell, Price.Parse("39600"), Quantity.Parse("0.010")), (stop.Side, stop.StopPrice, stop.Quantity)); // entry − stop distance 400
        Assert.Contains("reconciled: 1 difference(s) (FillWhileDown 1)", result.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrderCanceledWhileDown_IsReportedVanished_TheEngineHoldsNothingWorking()
    {
        await using var h = await ReconcileHarness.StartAsync();
        ClientOrderId id = h.SubmitLimitEntry(Side.Buy, "40000");
        long venueId = await h.PlaceAtSimAsync(id, Side.Buy, "40000");
        h.Acknowledge(id, venueId);
        var (status, _) = await h.Sim.CallAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&origClientOrderId=eng-{id.Value}");
        Assert.Equal(200, status); // canceled by hand while the engine was down

        ReconcileResult result = await h.ReconcileAsync();

        ReconcileDifference d = Assert.Single(result.Differences);
        Assert.Equal((ReconcileDifferenceKind.OrderVanished, id), (d.Kind, d.ClientId));
        Assert.Contains("CANCELED", d.Text, StringComparison.Ordinal);
        Assert.Equal(OrderStatus.Canceled, h.Engine.OrderManager.OrderOf(id, out _).Status);
        Assert.Equal(0, h.Engine.OrderManager.WorkingOrders);
        Assert.Equal(ExitPhase.Idle, h.Engine.OrderManager.PlanOf(ReconcileHarness.Btc).Phase);
    }

    /// <summary>
    /// Killed after the engine decided to cancel a working entry (PendingCancel) and before the request went out: a
    /// rebuilt engine replays the decision but a replay sends nothing, so the order would rest at the venue while the OMS
    /// waits for an answer to a request never made. The reconciliation sends the cancel and reports it.
    /// </summary>
    [Fact]
    public async Task CancelDecidedButLost_OrderStillOpenAtTheVenue_IsCanceledThere()
    {
        await using var h = await ReconcileHarness.StartAsync();
        ClientOrderId id = h.SubmitLimitEntry(Side.Buy, "40000");
        long venueId = await h.PlaceAtSimAsync(id, Side.Buy, "40000");
        h.Acknowledge(id, venueId);
        var reduce = new EngineEvent { Kind = EventKind.OperatorCommand, Command = new OperatorCommand(OperatorCommandKind.Reduce, SymbolId.None, 0) };
        h.Engine.OnEvent(ref reduce); // leaving ACTIVE cancels the entry; the request is lost with the process
        Assert.Equal(OrderStatus.PendingCancel, h.Engine.OrderManager.OrderOf(id, out _).Status);

        ReconcileResult result = await h.ReconcileAsync();

        ReconcileDifference d = Assert.Single(result.Differences);
        Assert.Equal((ReconcileDifferenceKind.CancelResent, id, venueId), (d.Kind, d.ClientId, d.VenueId));
        Assert.Equal(OrderStatus.Canceled, h.Engine.OrderManager.OrderOf(id, out _).Status);
        var (status, open) = await h.Sim.CallAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal((200, 0), (status, open.GetArrayLength()));
    }

    [Fact]
    public async Task SubmitNeverPlaced_IsRejected_AndSubmitPlacedButNeverAcknowledged_IsConfirmed()
    {
        await using var h = await ReconcileHarness.StartAsync();
        ClientOrderId lost = h.SubmitLimitEntry(Side.Buy, "40000"); // killed before the gateway sent it
        ReconcileResult first = await h.ReconcileAsync();
        ReconcileDifference d = Assert.Single(first.Differences);
        Assert.Equal((ReconcileDifferenceKind.OrderVanished, lost), (d.Kind, d.ClientId));
        Assert.Equal(OrderStatus.Rejected, h.Engine.OrderManager.OrderOf(lost, out _).Status);

        ClientOrderId sent = h.SubmitLimitEntry(Side.Buy, "40000"); // killed after the venue took it, before its ack came back
        long venueId = await h.PlaceAtSimAsync(sent, Side.Buy, "40000");
        ReconcileResult second = await h.ReconcileAsync();
        d = Assert.Single(second.Differences);
        Assert.Equal((ReconcileDifferenceKind.OrderConfirmed, sent, venueId), (d.Kind, d.ClientId, d.VenueId));
        Order o = h.Engine.OrderManager.OrderOf(sent, out _);
        Assert.Equal((OrderStatus.Accepted, venueId), (o.Status, o.VenueId.Value));
    }

    [Theory]
    [InlineData(UnknownOrderPolicy.Cancel, 0, ReconcileDifferenceKind.UnknownOrderCanceled)]
    [InlineData(UnknownOrderPolicy.Adopt, 3, ReconcileDifferenceKind.UnknownOrderAdopted)]
    public async Task OrdersTheEngineDoesNotKnow_AreCanceledByDefault_OrAdopted(UnknownOrderPolicy policy, int openAfter, ReconcileDifferenceKind kind)
    {
        await using var h = await ReconcileHarness.StartAsync();
        await h.Sim.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=39000&newClientOrderId=manual-1");
        await h.Sim.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.010&price=41000&newClientOrderId=eng-77");
        h.Sim.Print("40000", "0.001", 1);
        var (placed, _) = await h.Sim.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=39000&clientAlgoId=manual-stop");
        Assert.Equal(200, placed);

        ReconcileResult result = await h.ReconcileAsync(new ReconcileOptions { UnknownOrders = policy });

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal(3, result.Count(kind));
        Assert.Equal(3, result.Differences.Count);
        JsonElement open = await h.GetAsync("/fapi/v1/openOrders");
        JsonElement algos = await h.GetAsync("/fapi/v1/openAlgoOrders");
        Assert.Equal(openAfter, open.GetArrayLength() + algos.GetArrayLength());
    }

    [Fact]
    public async Task PositionWithoutAStop_GetsAClosePositionStop_OnePercentFromTheMark()
    {
        await using var h = await ReconcileHarness.StartAsync();
        await h.Sim.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=manual-2");
        h.Sim.Print("40000", "1", 1); // a position opened by hand: the engine (a fresh start) knows nothing of it
        Assert.Equal(Quantity.Parse("0.010"), await h.SimPositionAsync());

        ReconcileResult result = await h.ReconcileAsync(new ReconcileOptions { TickSizes = Ticks });

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal([ReconcileDifferenceKind.PositionMismatch, ReconcileDifferenceKind.PositionProtected], result.Differences.Select(d => d.Kind));
        JsonElement stop = Assert.Single((await h.GetAsync("/fapi/v1/openAlgoOrders")).EnumerateArray());
        Assert.Equal("SELL", stop.GetProperty("side").GetString());
        Assert.Equal("STOP_MARKET", stop.GetProperty("orderType").GetString());
        Assert.True(stop.GetProperty("closePosition").GetBoolean());
        Assert.Equal(Price.Parse("39600"), Price.Parse(stop.GetProperty("triggerPrice").GetString()!)); // 40000 × (1 − 1 %)
        Assert.Equal(Price.Parse("39600"), result.Differences[1].Price);
        Assert.Equal(Money.FromDecimal(10000m - 0.2m), result.WalletBalance); // the sim's taker fee 0.0005 × 0.010 × 40000
    }

    [Fact]
    public async Task PositionWhoseStopTheVenueRefuses_IsClosedAtMarket()
    {
        await using var h = await ReconcileHarness.StartAsync();
        await h.Sim.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010&newClientOrderId=manual-3");
        h.Sim.Print("40000", "1", 1);
        // A tick of 0.001 configured (the venue's is 0.01) and 1.00001 %: the trigger 39599.996 is off the venue's grid, refused.
        var options = new ReconcileOptions { TickSizes = new Dictionary<string, Price> { ["BTCUSDT"] = Price.Parse("0.001") }, ProtectiveStopPercent = 1.00001 };

        ReconcileResult result = await h.ReconcileAsync(options);

        Assert.True(result.Succeeded, result.Failure);
        ReconcileDifference flat = result.Differences.Single(d => d.Kind == ReconcileDifferenceKind.PositionFlattened);
        Assert.Contains("39599.996", flat.Text, StringComparison.Ordinal);
        h.Sim.Print("40000", "1", 2);
        Assert.Equal(Quantity.Zero, await h.SimPositionAsync());
        Assert.Equal(0, (await h.GetAsync("/fapi/v1/openAlgoOrders")).GetArrayLength());
    }

    [Fact]
    public async Task VenueUnreachable_FailsAfterItsAttempts_AndTheEngineIsHalted()
    {
        await using var h = await ReconcileHarness.StartAsync();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        ReconcileResult result = await h.ReconcileAsync(
            new ReconcileOptions { Attempts = 2, RetryDelay = TimeSpan.FromMilliseconds(10) }, new Uri($"http://127.0.0.1:{port}"));

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("unreachable", result.Failure, StringComparison.Ordinal);
        Assert.StartsWith("reconciliation FAILED, HALTED: ", result.StatusText, StringComparison.Ordinal);
        Assert.Equal([result.Failure!], h.Failures);
        Assert.Equal(TradingState.Halted, h.Engine.Risk.State);
        Assert.Equal(EntryDecision.BlockedByBreaker, h.Engine.OrderManager.OnEntry(
            new EntryPlan(ReconcileHarness.Btc, Side.Buy, Quantity.Parse("0.010"), Price.Parse("400"), Price.Parse("40000"), 1)));
    }
}
