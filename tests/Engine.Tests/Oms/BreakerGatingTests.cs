using Engine.Model;
using Engine.Oms;
using Engine.Risk;
using static Engine.Tests.Oms.OmsHarness;

namespace Engine.Tests.Oms;

/// <summary>
/// The breaker's state gates every order the OMS sends (CircuitBreaker.Allows): REDUCING refuses entries, HALTED lets
/// only protective exits and cancels through; leaving ACTIVE cancels working entries, and on HALTED what they filled
/// is closed.
/// </summary>
public class BreakerGatingTests
{
    [Fact]
    public void Reducing_RefusesANewEntry_WithItsReason()
    {
        var h = new OmsHarness();
        h.Oms.OnTradingState(TradingState.Reducing, 500);
        Assert.Equal(EntryDecision.BlockedByBreaker, h.EnterMarket("0.009", "100", "60000"));
        Assert.Empty(h.Requests);
    }

    [Fact]
    public void Reducing_WhileEntering_CancelsTheEntry_AndStillProtectsWhatFilled()
    {
        var h = new OmsHarness();
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.003", "0.003", "59950", 1500));
        h.Oms.OnTradingState(TradingState.Reducing, 2000);
        Assert.Contains(h.Cancels(), c => c.ClientId == entry);
        h.Apply(Report(VenueReportKind.Canceled, entry, "0.003", timeMs: 2100));
        Assert.Equal(ExitPhase.Open, h.Plan.Phase);
        Assert.Equal(Quantity.Parse("0.003"), h.Submits(OrderRole.StopLoss).Single().Quantity);
        Assert.Single(h.Submits(OrderRole.TakeProfit1)); // take-profits reduce: REDUCING lets them through
        Assert.Empty(h.Submits(OrderRole.Flatten));
    }

    [Fact]
    public void Halted_WhileEntering_CancelsTheEntry_AndClosesWhatItFilled()
    {
        var h = new OmsHarness();
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.002", "0.002", "59950", 1500));
        h.Oms.OnTradingState(TradingState.Halted, 2000);
        Assert.Contains(h.Cancels(), c => c.ClientId == entry);
        OrderRequest flatten = Assert.Single(h.Submits(OrderRole.Flatten));
        Assert.Equal(Quantity.Parse("0.002"), flatten.Quantity);
        Assert.Equal(FlattenReason.Halted, h.Plan.FlattenReason);

        h.Apply(Report(VenueReportKind.Filled, flatten.ClientId, "0.002", "0.002", "59940", 2050, Side.Sell));
        Assert.Equal(ExitPhase.Idle, h.Plan.Phase);
        h.Apply(Report(VenueReportKind.Filled, entry, "0.009", "0.007", "59950", 2100)); // the venue filled it before the cancel
        OrderRequest second = h.Submits(OrderRole.Flatten).Last();
        Assert.Equal(Quantity.Parse("0.007"), second.Quantity);
        Assert.Empty(h.Submits(OrderRole.TakeProfit1));
        Assert.Equal(0, h.Oms.Counters.RefusedByBreaker);
    }

    [Fact]
    public void Halted_OpenPosition_KeepsAndMovesItsStop_ButSendsNoTimeExit()
    {
        var h = new OmsHarness(new OrderManagerOptions { MaxHoldMs = 60_000 });
        h.OpenLong(); // stop 2, TP1 3, TP2 4
        h.Apply(Report(VenueReportKind.Accepted, new ClientOrderId(2), timeMs: 2100));
        h.Oms.OnTradingState(TradingState.Halted, 3000);
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(3), "0.003", "0.003", "60100", 4000, Side.Sell));
        Assert.Equal(Price.Parse("60000"), h.Submits(OrderRole.StopLoss)[1].StopPrice); // break-even: a protective exit

        h.Oms.OnMark(Btc, Price.Parse("60050"), 70_000); // past the holding time: a time exit is discretionary
        Assert.Empty(h.Submits(OrderRole.Flatten));
        Assert.Equal(ExitPhase.Open, h.Plan.Phase);
        h.Oms.OnTradingState(TradingState.Active, 80_000);
        h.Oms.OnMark(Btc, Price.Parse("60050"), 80_001);
        Assert.Single(h.Submits(OrderRole.Flatten));
    }
}
