using Engine.Model;
using Engine.Oms;
using static Engine.Tests.Oms.OmsHarness;

namespace Engine.Tests.Oms;

/// <summary>
/// What the OMS does when the venue refuses a protective stop, by Binance error code. The table is this test's own,
/// written from Binance's documented meaning of each code (USD-M error codes), not from the code under test.
/// </summary>
public class StopRejectionTests
{
    private const long DefaultBackoffMs = 1000; // Executor:StopRetryBackoffMs by default

    public enum Expected
    {
        /// <summary>Price is already through the stop: close at market now, no second stop.</summary>
        FlattenNow,

        /// <summary>The request may have executed: query it, never send a second stop while its outcome is open.</summary>
        QueryNeverResend,

        /// <summary>The venue said it did not place it for a transient reason: resend the same stop after a back-off.</summary>
        BackOffAndResend,

        /// <summary>A final refusal: resending the same stop would fail again, so the position is closed at market.</summary>
        FlattenFinal,
    }

    public static TheoryData<int, Expected> Codes() => new()
    {
        { -2021, Expected.FlattenNow },          // ORDER_WOULD_IMMEDIATELY_TRIGGER
        { -1000, Expected.QueryNeverResend },    // UNKNOWN: an unknown error while processing; may have executed
        { -1001, Expected.QueryNeverResend },    // DISCONNECTED: internal error, execution status unknown
        { -1007, Expected.QueryNeverResend },    // TIMEOUT: execution status unknown
        { -1008, Expected.QueryNeverResend },    // SERVER_BUSY: an overloaded server; treated as unknown, never as refused
        { -1003, Expected.BackOffAndResend },    // TOO_MANY_REQUESTS: refused by the rate limiter
        { -1015, Expected.BackOffAndResend },    // TOO_MANY_ORDERS: refused by the order-rate limiter
        { -1021, Expected.BackOffAndResend },    // INVALID_TIMESTAMP: refused before it reached the matching engine
        { -1013, Expected.FlattenFinal },        // filter failure (lot size)
        { -1022, Expected.FlattenFinal },        // INVALID_SIGNATURE
        { -1111, Expected.FlattenFinal },        // BAD_PRECISION
        { -1121, Expected.FlattenFinal },        // BAD_SYMBOL
        { -2010, Expected.FlattenFinal },        // NEW_ORDER_REJECTED
        { -2019, Expected.FlattenFinal },        // MARGIN_NOT_SUFFICIENT
        { -2022, Expected.FlattenFinal },        // REDUCE_ONLY_REJECT
        { -2025, Expected.FlattenFinal },        // MAX_OPEN_ORDER_EXCEEDED
        { -4003, Expected.FlattenFinal },        // quantity not positive
        { -4014, Expected.FlattenFinal },        // PRICE_NOT_INCREASED_BY_TICK_SIZE
        { -4023, Expected.FlattenFinal },        // QTY_NOT_INCREASED_BY_STEP_SIZE
        { -4120, Expected.FlattenFinal },        // STOP_ORDER_SWITCH_ALGO
        { -4164, Expected.FlattenFinal },        // MIN_NOTIONAL
        { -9999, Expected.FlattenFinal },        // a code nobody has listed: never silent, never resent blindly
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void RejectedStop_IsHandledByItsErrorCode(int code, Expected expected)
    {
        var h = new OmsHarness(new OrderManagerOptions { StopRetries = 2 });
        var (_, stop) = h.OpenLong();
        int before = h.Requests.Count;
        h.Apply(Rejected(stop, (BinanceErrorCode)code, 2100));

        List<OrderRequest> now = h.Requests.Skip(before).ToList();
        switch (expected)
        {
            case Expected.FlattenNow:
            case Expected.FlattenFinal:
                OrderRequest flatten = Assert.Single(now, r => r.Command == OrderCommand.Submit);
                Assert.Equal((OrderRole.Flatten, OrderType.Market, Side.Sell, Quantity.Parse("0.009"), true),
                    (h.RoleOf(flatten.ClientId), flatten.Type, flatten.Side, flatten.Quantity, flatten.ReduceOnly));
                Assert.Equal(ExitPhase.Flattening, h.Plan.Phase);
                Assert.Single(h.Submits(OrderRole.StopLoss)); // never the same stop again
                break;

            case Expected.QueryNeverResend:
                Assert.Equal(OrderStatus.Unknown, h.StatusOf(stop));
                Assert.DoesNotContain(now, r => r.Command == OrderCommand.Submit);
                Assert.Contains(now, r => r.Command != OrderCommand.Submit && r.Command != OrderCommand.Cancel && r.ClientId == stop);
                for (long t = 2200; t < 7000; t += 100)
                {
                    h.Oms.OnMark(Btc, Price.Parse("60000"), t); // time passes; the outcome is still open
                }

                Assert.Single(h.Submits(OrderRole.StopLoss));
                Assert.Equal(ExitPhase.Open, h.Plan.Phase);
                break;

            case Expected.BackOffAndResend:
                Assert.DoesNotContain(now, r => r.Command == OrderCommand.Submit); // not in the same instant
                h.Oms.OnMark(Btc, Price.Parse("60000"), 2100 + DefaultBackoffMs);
                List<OrderRequest> stops = h.Submits(OrderRole.StopLoss);
                Assert.Equal(2, stops.Count);
                Assert.Equal((stops[0].StopPrice, stops[0].Quantity), (stops[1].StopPrice, stops[1].Quantity));
                Assert.Equal(ExitPhase.Open, h.Plan.Phase);
                break;
        }
    }

    /// <summary>
    /// A stop refused for a transient reason (-1021, the request reached the venue too late) waits out its back-off; the
    /// engine's timer resends it when no trade comes (the build before resent it only on the next trade or mark).
    /// </summary>
    [Fact]
    public void BackedOffStop_IsResentByTheTimer_WithoutATrade()
    {
        var h = new OmsHarness(new OrderManagerOptions { StopRetries = 2 });
        var (_, stop) = h.OpenLong();
        h.Apply(Rejected(stop, (BinanceErrorCode)(-1021), 2100));
        h.Oms.OnClock(2100 + DefaultBackoffMs - 1);
        Assert.Single(h.Submits(OrderRole.StopLoss));
        h.Oms.OnClock(2100 + DefaultBackoffMs);
        List<OrderRequest> stops = h.Submits(OrderRole.StopLoss);
        Assert.Equal(2, stops.Count);
        Assert.Equal((stops[0].StopPrice, stops[0].Quantity), (stops[1].StopPrice, stops[1].Quantity));
    }

    /// <summary>
    /// The orderly stop of a live run stops the feed and its timer first: a stop still in its back-off then is sent at
    /// once (the engine's Reduce calls this), not left for a timer that will never come.
    /// </summary>
    [Fact]
    public void BackedOffStop_IsResentAtOnce_WhenTheEngineIsBeingStopped()
    {
        var h = new OmsHarness(new OrderManagerOptions { StopRetries = 2 });
        var (_, stop) = h.OpenLong();
        h.Apply(Rejected(stop, (BinanceErrorCode)(-1003), 2100));
        Assert.Single(h.Submits(OrderRole.StopLoss));
        h.Oms.ResendBackedOffStops(2150);
        Assert.Equal(2, h.Submits(OrderRole.StopLoss).Count);
        h.Oms.ResendBackedOffStops(2160); // nothing is waiting any more: no third stop
        h.Oms.OnClock(2100 + DefaultBackoffMs);
        Assert.Equal(2, h.Submits(OrderRole.StopLoss).Count);
    }

    [Fact]
    public void StopTimedOut_IsQueried_AndTheAnswerSettlesIt()
    {
        var h = new OmsHarness();
        var (_, stop) = h.OpenLong();
        h.Apply(Report(VenueReportKind.Unknown, stop, timeMs: 2100)); // HTTP 503 or a timeout on the submit
        Assert.Equal(OrderStatus.Unknown, h.StatusOf(stop));
        Assert.Contains(h.Queries(), q => q.ClientId == stop);
        Assert.Single(h.Submits(OrderRole.StopLoss));

        h.Apply(Report(VenueReportKind.Accepted, stop, timeMs: 2200)); // the query found it working
        Assert.Equal(OrderStatus.Accepted, h.StatusOf(stop));
        Assert.Equal(stop, h.Plan.StopId);
    }

    [Fact]
    public void TransientRejects_BeyondTheRetries_Flatten()
    {
        var h = new OmsHarness(new OrderManagerOptions { StopRetries = 1 });
        var (_, stop) = h.OpenLong();
        const long backoff = DefaultBackoffMs;
        h.Apply(Rejected(stop, (BinanceErrorCode)(-1003), 2100));
        h.Oms.OnMark(Btc, Price.Parse("60000"), 2100 + backoff);
        OrderRequest retry = h.Submits(OrderRole.StopLoss)[1];
        h.Apply(Rejected(retry.ClientId, (BinanceErrorCode)(-1003), 2200 + backoff));
        Assert.Equal(ExitPhase.Flattening, h.Plan.Phase);
        Assert.Equal(FlattenReason.StopPlacementFailed, h.Plan.FlattenReason);
    }

    [Fact]
    public void BreakEvenMoveRefusedTransiently_IsResentAtBreakEven_NotAtTheOldStop()
    {
        var h = new OmsHarness();
        var (_, stop) = h.OpenLong(); // stop 59900, TP1 id 3
        h.Apply(Report(VenueReportKind.Accepted, stop, timeMs: 2100));
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(3), "0.003", "0.003", "60100", 2200, Side.Sell));
        OrderRequest breakEven = h.Submits(OrderRole.StopLoss)[1];
        Assert.Equal(Price.Parse("60000"), breakEven.StopPrice);
        h.Apply(Rejected(breakEven.ClientId, (BinanceErrorCode)(-1015), 2300));
        h.Oms.OnMark(Btc, Price.Parse("60050"), 2300 + DefaultBackoffMs);
        OrderRequest again = h.Submits(OrderRole.StopLoss)[2];
        Assert.Equal((Price.Parse("60000"), Quantity.Parse("0.006")), (again.StopPrice, again.Quantity));
        Assert.Equal(OrderStatus.Accepted, h.StatusOf(stop)); // the old stop keeps working meanwhile
    }
}
