using Engine.Model;
using Engine.Oms;
using static Engine.Tests.Oms.OmsHarness;

namespace Engine.Tests.Oms;

/// <summary>
/// Live-path traps in the order table: every order whose outcome is open gets one (query, then cancel, then a
/// local end), a stuck slot never blocks later orders, a cancel refused for an order the venue never saw does not
/// bring it back to life, and overfills are applied and reconciled rather than dropped.
/// </summary>
public class StuckOrderTests
{
    private static void MarkEverySecond(OmsHarness h, long fromMs, long toMs)
    {
        for (long t = fromMs; t <= toMs; t += 1000)
        {
            h.Oms.OnMark(Btc, Price.Parse("60000"), t);
        }
    }

    [Fact]
    public void EntryLeftUnknown_IsQueried_ThenCancelled_AndNeverWorksForever()
    {
        var h = new OmsHarness(); // EntryTimeoutMs 0: nothing else would ever end this entry
        h.EnterMarket("0.009", "100", "60000");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Unknown, entry, timeMs: 1100));
        Assert.Contains(h.Queries(), q => q.ClientId == entry);

        MarkEverySecond(h, 2000, 600_000); // ten minutes without any answer
        Assert.Contains(h.Cancels(), c => c.ClientId == entry);
        Assert.False(OrderStateMachine.IsWorking(h.StatusOf(entry)));
        Assert.Equal(0, h.Oms.WorkingOrders);
        Assert.Equal(ExitPhase.Idle, h.Plan.Phase);
        Assert.Equal(1, h.Oms.Counters.UnresolvedOrdersEnded);

        // A fill that still turns up later is applied and protected, never ignored.
        h.Apply(Report(VenueReportKind.Filled, entry, "0.009", "0.009", "60000", 601_000));
        Assert.Equal(Quantity.Parse("0.009"), h.Position.Size);
        Assert.Equal(Quantity.Parse("0.009"), h.Submits(OrderRole.StopLoss).Single().Quantity);
    }

    [Fact]
    public void CancelRejected_ForAnOrderTheVenueNeverSaw_DoesNotMakeItWorking()
    {
        var h = new OmsHarness(new OrderManagerOptions { EntryTimeoutMs = 1000 });
        h.EnterMarket("0.009", "100", "60000");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Unknown, entry, timeMs: 1100)); // the submit timed out
        h.Oms.OnMark(Btc, Price.Parse("60000"), 2000); // entry timeout: cancel by client id
        Assert.Equal(OrderStatus.PendingCancel, h.StatusOf(entry));
        h.Apply(Report(VenueReportKind.CancelRejected, entry, timeMs: 2100) with { ErrorCode = BinanceErrorCode.CancelRejected }); // -2011 unknown order

        Assert.NotEqual(OrderStatus.Accepted, h.StatusOf(entry));
        Assert.False(OrderStateMachine.IsWorking(h.StatusOf(entry)));
        Assert.Equal(ExitPhase.Idle, h.Plan.Phase);
    }

    [Fact]
    public void PendingCancel_NotFoundByQuery_EndsTheOrder()
    {
        var h = new OmsHarness(new OrderManagerOptions { EntryTimeoutMs = 1000 });
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Oms.OnMark(Btc, Price.Parse("60000"), 2000);
        h.Apply(Report(VenueReportKind.NotFound, entry, timeMs: 2100) with { ErrorCode = BinanceErrorCode.NoSuchOrder });
        Assert.Equal(OrderStatus.Canceled, h.StatusOf(entry));
        Assert.Equal(0, h.Oms.Counters.IllegalTransitions);
        Assert.Equal(ExitPhase.Idle, h.Plan.Phase);
    }

    [Fact]
    public void OrderStuckInItsSlot_DoesNotBlockLaterOrders_StopsIncluded()
    {
        var h = new OmsHarness(new OrderManagerOptions { OrderCapacity = 4 });
        h.EnterMarket("0.009", "100", "60000");
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(1), "0.009", "0.009", "60000")); // stop 2, TPs 3, 4
        // The stop is still working in slot 2; TP1 fills; the break-even stop takes id 5 (slot 1, free).
        h.Apply(Report(VenueReportKind.Accepted, new ClientOrderId(2), timeMs: 2100));
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(3), "0.003", "0.003", "60100", 2200, Side.Sell));
        OrderRequest breakEven = h.Stops()[1];
        Assert.Equal(Price.Parse("60000"), breakEven.StopPrice);
        // Its submit times out and stays open; the next stop's id would wrap onto a slot that is still busy.
        h.Apply(Report(VenueReportKind.Unknown, breakEven.ClientId, timeMs: 2300));
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(4), "0.003", "0.003", "60200", 2400, Side.Sell)); // TP2: trail
        Assert.Equal(3, h.Stops().Count);
        Assert.Equal(0, h.Oms.Counters.EmergencyFlattens);
    }

    [Fact]
    public void Overfill_IsCounted_Applied_AndTheStopCoversWhatTheVenueFilled()
    {
        var h = new OmsHarness();
        h.EnterMarket("0.009", "100", "60000");
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(1), "0.010", "0.010", "60000"));
        Assert.Equal(1, h.Oms.Counters.Overfills);
        Assert.Equal(Quantity.Parse("0.010"), h.Position.Size); // the venue's fill is the truth
        Assert.Equal(Quantity.Parse("0.010"), h.Submits(OrderRole.StopLoss).Last().Quantity);
    }

    [Fact]
    public void DuplicateFill_WithTheSameTradeId_IsNotCountedTwice_EvenWithAGrownCumulative()
    {
        // A gateway that adds up TRADE_LITE's and ORDER_TRADE_UPDATE's last quantities reports the second copy of
        // trade 77 with a cumulative that grew: only the trade id shows it is the same fill.
        var h = new OmsHarness();
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.004", "0.004", "59950") with { TradeId = 77 });
        Assert.Equal(ReportOutcome.Duplicate, h.Oms.OnReport(Report(VenueReportKind.PartiallyFilled, entry, "0.008", "0.004", "59950") with { TradeId = 77 }).Outcome);
        Assert.Equal(Quantity.Parse("0.004"), h.Position.Size);
        Assert.Equal(1, h.Oms.Counters.DuplicateFills);
        Assert.Equal(ReportOutcome.Applied, h.Oms.OnReport(Report(VenueReportKind.PartiallyFilled, entry, "0.008", "0.004", "59950") with { TradeId = 78 }).Outcome);
        Assert.Equal(Quantity.Parse("0.008"), h.Position.Size);
    }
}
