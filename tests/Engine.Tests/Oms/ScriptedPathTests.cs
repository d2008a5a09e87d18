using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using static Engine.Tests.Oms.PaperScript;

namespace Engine.Tests.Oms;

/// <summary>
/// Whole positions through the OMS and the paper venue. Every expected price, quantity, fee and PnL below is worked
/// out by hand from the script: tick 0.1, lot 0.001, 1 tick of slippage on market fills, fees 0.02% maker / 0.05% taker.
/// </summary>
public class ScriptedPathTests
{
    [Fact]
    public void EntryThenTp1_MovesStopToBreakEven_AndTheBreakEvenStopCloses()
    {
        var s = new PaperScript();
        s.Trade(1000, "60000");
        Assert.Equal(EntryDecision.Submitted, s.Enter(1000, Side.Buy, "0.0095", "100", "60000")); // floored to 0.009

        s.Trade(2000, "60010"); // market buy fills at 60010 + 0.1
        Assert.Equal(ExitPhase.Open, s.Plan.Phase);
        Assert.Equal(Q("0.009"), s.Position.Size);
        Assert.Equal(P("60010.1"), s.Plan.EntryPrice);

        OrderRequest stop = s.SubmitOf(OrderRole.StopLoss);
        OrderRequest tp1 = s.SubmitOf(OrderRole.TakeProfit1);
        OrderRequest tp2 = s.SubmitOf(OrderRole.TakeProfit2);
        Assert.Equal((OrderType.StopMarket, Side.Sell, P("59910.1"), Q("0.009"), true), (stop.Type, stop.Side, stop.StopPrice, stop.Quantity, stop.ReduceOnly));
        Assert.Equal((OrderType.Limit, P("60110.1"), Q("0.003"), true), (tp1.Type, tp1.Price, tp1.Quantity, tp1.ReduceOnly)); // 1R
        Assert.Equal((P("60210.1"), Q("0.003")), (tp2.Price, tp2.Quantity)); // 2R; 0.003 is left to trail

        s.Trade(3000, "60050");
        s.Trade(4000, "60110.1"); // TP1 fills as maker
        Assert.Equal(ExitStage.BreakEven, s.Plan.Stage);
        OrderRequest be = s.SubmitOf(OrderRole.StopLoss, 1);
        Assert.Equal((P("60010.1"), Q("0.006")), (be.StopPrice, be.Quantity));

        s.Trade(5000, "60080"); // break-even stop accepted: only now the first stop is cancelled
        Assert.Equal(OrderStatus.PendingCancel, s.StatusOf(stop.ClientId));
        s.Trade(6000, "60060");
        Assert.Equal(OrderStatus.Canceled, s.StatusOf(stop.ClientId));

        s.Trade(7000, "60010.1"); // break-even stop triggers, fills at 60010.1 - 0.1
        Assert.True(s.Position.IsFlat);
        Assert.Equal(ExitPhase.Idle, s.Plan.Phase);
        s.Trade(8000, "60000");
        Assert.Equal(OrderStatus.Canceled, s.StatusOf(tp2.ClientId));

        List<VenueReport> fills = s.Fills();
        Assert.Equal(3, fills.Count);
        Assert.Equal((P("60010.1"), Q("0.009"), false), (fills[0].LastPrice, fills[0].LastQuantity, fills[0].IsMaker));
        Assert.Equal((P("60110.1"), Q("0.003"), true), (fills[1].LastPrice, fills[1].LastQuantity, fills[1].IsMaker));
        Assert.Equal((P("60010"), Q("0.006"), false), (fills[2].LastPrice, fills[2].LastQuantity, fills[2].IsMaker));

        // 540.0909 × 0.0005 = 0.27004545; 180.3303 × 0.0002 = 0.03606606; 360.06 × 0.0005 = 0.18003
        Assert.Equal(M(0.27004545m), fills[0].Fee);
        Assert.Equal(M(0.48614151m), s.Position.Fees);
        // (60110.1 - 60010.1) × 0.003 + (60010.0 - 60010.1) × 0.006 = 0.3 - 0.0006
        Assert.Equal(M(0.2994m), s.Position.RealizedPnl);
        Assert.Equal(M(-0.18674151m), s.Position.NetPnl);
        Assert.Equal(0, s.Oms.Counters.IllegalTransitions);
        Assert.Equal(0, s.Oms.WorkingOrders);
        Assert.Equal(0, s.Venue.RestingOrders);
    }

    [Fact]
    public void ShortEntryThenStopLoss_LosesTheStopDistancePlusSlippage()
    {
        var s = new PaperScript();
        s.Trade(1000, "60000");
        s.Enter(1000, Side.Sell, "0.004", "50", "60000");
        s.Trade(2000, "59990"); // sells at 59990 - 0.1
        OrderRequest stop = s.SubmitOf(OrderRole.StopLoss);
        Assert.Equal((Side.Buy, P("60039.9"), Q("0.004")), (stop.Side, stop.StopPrice, stop.Quantity));
        Assert.Equal(P("59939.9"), s.SubmitOf(OrderRole.TakeProfit1).Price);
        Assert.Equal(Q("0.001"), s.SubmitOf(OrderRole.TakeProfit1).Quantity); // 4 lots: 1 / 1 / 2
        Assert.Equal(Q("0.001"), s.SubmitOf(OrderRole.TakeProfit2).Quantity);

        s.Trade(3000, "60000");
        s.Trade(4000, "60040"); // stop triggers, buys at 60040 + 0.1
        Assert.True(s.Position.IsFlat);

        // (59989.9 - 60040.1) × 0.004 = -0.2008; fees 239.9596 × 0.0005 + 240.1604 × 0.0005
        Assert.Equal(M(-0.2008m), s.Position.RealizedPnl);
        Assert.Equal(M(0.24006m), s.Position.Fees);
        Assert.Equal(1, s.Oms.Counters.PositionsClosed);

        // The cooldown after a close is the risk gate's (Risk:CooldownMinutes), the engine's only one: the OMS itself
        // takes the next entry at once.
        Assert.Equal(EntryDecision.Submitted, s.Enter(4001, Side.Sell, "0.004", "50", "60000"));
    }

    [Fact]
    public void EntryTp1Tp2_ThenTheRemainderTrailsAndExits()
    {
        var s = new PaperScript();
        s.Trade(1000, "60000");
        s.Enter(1000, Side.Buy, "0.009", "100", "60000");
        s.Trade(2000, "60010");     // entry 60010.1
        s.Trade(3000, "60050");
        s.Trade(4000, "60110.1");   // TP1; break-even stop sent
        s.Trade(5000, "60150");     // break-even stop accepted
        s.Trade(6000, "60210.1");   // TP2 fills; trailing starts at 60210.1 - 50 ticks = 60205.1
        Assert.Equal(ExitStage.Trailing, s.Plan.Stage);
        Assert.Equal((P("60205.1"), Q("0.003")), (s.SubmitOf(OrderRole.StopLoss, 2).StopPrice, s.SubmitOf(OrderRole.StopLoss, 2).Quantity));

        s.Trade(7000, "60230");     // 60205.1 accepted; best 60230 → 60225.0, 19.9 above: moved
        Assert.Equal(P("60225"), s.SubmitOf(OrderRole.StopLoss, 3).StopPrice);
        s.Trade(8000, "60240");     // 60225 accepted; best 60240 → 60235.0, 10 above (the minimum step): moved
        Assert.Equal(P("60235"), s.SubmitOf(OrderRole.StopLoss, 4).StopPrice);
        s.Trade(9000, "60239");     // 60235 accepted; no better best: stays
        Assert.Equal(5, s.Requests.Count(r => r.Command == OrderCommand.Submit && s.RoleOf(r.ClientId) == OrderRole.StopLoss));
        Assert.Equal(2, s.Oms.Counters.TrailingMoves);

        s.Trade(10_000, "60234");   // the trailing stop triggers, sells at 60234 - 0.1
        Assert.True(s.Position.IsFlat);

        List<VenueReport> fills = s.Fills();
        Assert.Equal(4, fills.Count);
        Assert.Equal((P("60233.9"), Q("0.003")), (fills[3].LastPrice, fills[3].LastQuantity));
        // 0.003 × (100 + 200 + 223.8) = 1.5714
        Assert.Equal(M(1.5714m), s.Position.RealizedPnl);
        // 0.27004545 + 180.3303 × 0.0002 + 180.6303 × 0.0002 + 180.7017 × 0.0005
        Assert.Equal(M(0.43258842m), s.Position.Fees);
        s.Trade(11_000, "60230");
        Assert.Equal(0, s.Oms.WorkingOrders);
        Assert.Equal(0, s.Venue.RestingOrders);
        Assert.Equal(0, s.Oms.Counters.IllegalTransitions);
    }

    [Fact]
    public void StopRefusedAsWouldTrigger_FlattensAtOnce_WithoutResendingIt()
    {
        var s = new PaperScript(
            new OrderManagerOptions { StopRetries = 1 },
            new PaperVenueOptions { LatencyMs = 500, SlippageTicks = 1 });
        s.Trade(1000, "60000");
        s.Enter(1000, Side.Buy, "0.009", "5", "60000"); // stop 5 below the fill
        s.Trade(2000, "60010");   // entry reached the venue at 1500, fills at 60010.1; stop at 60005.1 sent
        s.Trade(2400, "60000");   // the market falls through the stop before it arrives
        s.Trade(3000, "60001");   // stop arrives at 2500: sell stop above the last price → -2021: price is through it
        Assert.Equal(ExitPhase.Flattening, s.Plan.Phase);
        Assert.Equal(FlattenReason.StopWouldTrigger, s.Plan.FlattenReason);
        Assert.Equal(1, s.Oms.Counters.StopsWouldTrigger);
        Assert.Equal(0, s.Oms.Counters.StopRetries);
        Assert.Single(s.Requests, r => r.Command == OrderCommand.Submit && r.Type == OrderType.StopMarket); // never resent
        Assert.Equal(1, s.Reports.Count(r => r.Kind == VenueReportKind.Rejected && r.ErrorCode == BinanceErrorCode.OrderWouldImmediatelyTrigger));

        OrderRequest flatten = s.SubmitOf(OrderRole.Flatten);
        Assert.Equal((OrderType.Market, Side.Sell, Q("0.009"), true), (flatten.Type, flatten.Side, flatten.Quantity, flatten.ReduceOnly));
        s.Trade(4000, "59990");   // flatten (sent at 2500, at the venue by 3000) sells at 59990 - 0.1; the take-profits are cancelled
        Assert.True(s.Position.IsFlat);
        Assert.Equal(ExitPhase.Idle, s.Plan.Phase);
        // (59989.9 - 60010.1) × 0.009 = -0.1818; fees 0.27004545 + 539.9091 × 0.0005
        Assert.Equal(M(-0.1818m), s.Position.RealizedPnl);
        Assert.Equal(M(0.54m), s.Position.Fees);
        Assert.Equal(OrderStatus.Canceled, s.StatusOf(s.SubmitOf(OrderRole.TakeProfit1).ClientId));
    }

    [Fact]
    public void FillRacingCancel_TheFillWinsAndTheLateCancelRejectIsExpected()
    {
        var s = new PaperScript(
            new OrderManagerOptions { EntryTimeoutMs = 5000 },
            new PaperVenueOptions { LatencyMs = 500, SlippageTicks = 1 });
        s.Trade(1000, "60000");
        s.Enter(1000, Side.Buy, "0.009", "100", "60000", OrderType.Limit, "59950");
        ClientOrderId entry = s.SubmitOf(OrderRole.Entry).ClientId;
        s.Trade(2000, "59990");
        s.Trade(6000, "59960");   // entry timed out: cancel sent at 6000, reaches the venue at 6500
        Assert.Equal(OrderStatus.PendingCancel, s.StatusOf(entry));
        s.Trade(6200, "59950", "5"); // the limit fills before the venue sees the cancel
        Assert.Equal(OrderStatus.Filled, s.StatusOf(entry));
        Assert.Equal(ExitPhase.Open, s.Plan.Phase);
        s.Trade(7000, "59955");   // the cancel arrives: -2011
        VenueReport late = s.Reports.Single(r => r.Kind == VenueReportKind.CancelRejected);
        Assert.Equal((entry, BinanceErrorCode.CancelRejected), (late.ClientId, late.ErrorCode));
        Assert.Equal(OrderStatus.Filled, s.StatusOf(entry));
        Assert.Equal(0, s.Oms.Counters.IllegalTransitions);

        Assert.Equal((Q("0.009"), P("59950")), (s.Position.Size, s.Position.AveragePrice));
        Assert.Equal(M(0.10791m), s.Position.Fees); // 539.55 × 0.0002, maker
        Assert.Equal(P("59850"), s.SubmitOf(OrderRole.StopLoss).StopPrice);
    }

    [Fact]
    public void TimeExit_FlattensAfterTheHoldingTime()
    {
        var s = new PaperScript(new OrderManagerOptions { MaxHoldMs = 60_000 });
        s.Trade(1000, "60000");
        s.Enter(1000, Side.Buy, "0.009", "100", "60000");
        s.Trade(2000, "60010");   // entry at 60010.1, held from 2000
        s.Trade(61_999, "60020");
        Assert.Equal(ExitPhase.Open, s.Plan.Phase);
        s.Trade(62_000, "60030");  // 60 s held: flatten
        Assert.Equal(FlattenReason.TimeExit, s.Plan.FlattenReason);
        s.Trade(63_000, "60040");  // sells at 60039.9
        Assert.True(s.Position.IsFlat);
        Assert.Equal(M(0.2682m), s.Position.RealizedPnl); // (60039.9 - 60010.1) × 0.009
        s.Trade(64_000, "60040");
        Assert.Equal(0, s.Venue.RestingOrders);
    }

    [Fact]
    public void Peak_WhileInPosition_IsBlockedWithItsReason()
    {
        var s = new PaperScript();
        s.Trade(1000, "60000");
        s.Enter(1000, Side.Buy, "0.009", "100", "60000");
        Assert.Equal(EntryDecision.BlockedEntryPending, s.Enter(1500, Side.Buy, "0.009", "100", "60000"));
        s.Trade(2000, "60010");
        Assert.Equal(EntryDecision.BlockedInPosition, s.Enter(2500, Side.Sell, "0.009", "100", "60000"));
        Assert.Equal(2, s.Oms.Counters.EntriesBlocked);
        Assert.Equal(EntryDecision.BlockedInPosition, s.Oms.Counters.LastBlockedReason);
    }
}
