using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

/// <summary>
/// What an orderly stop waits for (<see cref="OrderManager{TOut}.AwaitingVenue"/>): every order whose outcome the venue has
/// yet to give. A stop that ended while a market order's fill was on its way lost the fill from the journal and left the
/// position at the venue unknown to the engine (the live kill test, seed 44). Also what a report leaves behind: the
/// OMS's status (which the journal writes), and cancels and queries that name the order's type.
/// </summary>
public sealed class AwaitingVenueTests
{
    [Fact]
    public void MarketEntry_AwaitsTheVenue_UntilItsFill_AndAnAcceptedRestingStop_DoesNot()
    {
        var h = new OmsHarness();
        Assert.Equal(0, h.Oms.AwaitingVenue);
        h.EnterMarket("0.009", "100", "60000");
        var entry = new ClientOrderId(1);
        Assert.Equal(1, h.Oms.AwaitingVenue); // sent, not acknowledged

        h.Apply(OmsHarness.Report(VenueReportKind.Accepted, entry));
        Assert.Equal(1, h.Oms.AwaitingVenue); // a market order acknowledged: its fill is on its way

        h.Apply(OmsHarness.Report(VenueReportKind.Filled, entry, "0.009", "0.009", "60000"));
        // The fill sent the stop and two take-profits: three submits awaiting their acknowledgements.
        Assert.Equal(3, h.Requests.Count(r => r.Command == OrderCommand.Submit && r.ClientId != entry));
        Assert.Equal(3, h.Oms.AwaitingVenue);

        foreach (OrderRequest r in h.Requests.Where(r => r.Command == OrderCommand.Submit && r.ClientId != entry).ToList())
        {
            h.Apply(OmsHarness.Report(VenueReportKind.Accepted, r.ClientId));
        }

        Assert.Equal(0, h.Oms.AwaitingVenue); // resting limits and a stop: working, nothing awaited
    }

    [Fact]
    public void Cancel_AwaitsTheVenue_UntilItsAnswer_EvenARefusal()
    {
        var h = new OmsHarness();
        h.EnterLimit("0.009", "100", "59000");
        var entry = new ClientOrderId(1);
        h.Apply(OmsHarness.Report(VenueReportKind.Accepted, entry));
        Assert.Equal(0, h.Oms.AwaitingVenue);

        h.Oms.CancelEntry(OmsHarness.Btc, 3000);
        Assert.Equal(OrderStatus.PendingCancel, h.StatusOf(entry));
        Assert.Equal(1, h.Oms.AwaitingVenue);

        h.Apply(OmsHarness.Report(VenueReportKind.CancelRejected, entry) with { ErrorCode = BinanceErrorCode.CancelRejected });
        Assert.Equal(OrderStatus.Accepted, h.StatusOf(entry)); // -2011 and the order keeps working
        Assert.Equal(0, h.Oms.AwaitingVenue);
    }

    [Fact]
    public void LateAcknowledgement_AfterTheFill_IsRefused_AndTheResultKeepsTheOmsStatus()
    {
        var h = new OmsHarness();
        h.EnterMarket("0.009", "100", "60000");
        var entry = new ClientOrderId(1);
        ReportResult filled = h.Oms.OnReport(OmsHarness.Report(VenueReportKind.Filled, entry, "0.009", "0.009", "60000"));
        ReportResult late = h.Oms.OnReport(OmsHarness.Report(VenueReportKind.Accepted, entry));

        Assert.Equal((ReportOutcome.Applied, OrderStatus.Filled), (filled.Outcome, filled.Status));
        Assert.Equal((ReportOutcome.Illegal, OrderStatus.Filled), (late.Outcome, late.Status)); // the journal writes Filled, not Accepted
    }

    [Fact]
    public void CancelAndQuery_CarryTheOrdersType_SoAStopIsFoundInTheAlgoServiceAfterARestart()
    {
        var h = new OmsHarness();
        (_, ClientOrderId stop) = h.OpenLong();
        h.Apply(OmsHarness.Report(VenueReportKind.Accepted, stop));
        h.Oms.FlattenNow(OmsHarness.Btc, 3000);
        OrderRequest flatten = h.Submits(OrderRole.Flatten).Single();
        h.Apply(OmsHarness.Report(VenueReportKind.Filled, flatten.ClientId, "0.009", "0.009", "60010", side: Side.Sell));

        OrderRequest cancel = h.Cancels().Single(c => c.ClientId == stop);
        Assert.Equal(OrderType.StopMarket, cancel.Type);
        Assert.All(h.Cancels().Where(c => c.ClientId != stop), c => Assert.Equal(OrderType.Limit, c.Type)); // the take-profits
    }
}
