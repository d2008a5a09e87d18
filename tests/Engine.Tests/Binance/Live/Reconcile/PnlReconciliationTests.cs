using Engine.Binance.Live.Reconcile;
using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Binance.Live.Reconcile;

/// <summary>
/// The OMS's realised PnL and fees against the venue's (issue #17). The OMS side is a real <see cref="Position"/>:
/// buy 0.010 at 40,000, sell 0.010 at 40,100, by hand: realised 0.010 × 100 = 1.00; fees 0.08 + 0.2005 = 0.2805
/// (maker 0.0002 × 400, taker 0.0005 × 401).
/// </summary>
public sealed class PnlReconciliationTests
{
    private static Position RoundTrip()
    {
        var p = default(Position);
        p.Apply(Side.Buy, Quantity.Parse("0.010"), Price.Parse("40000"), Money.FromDecimal(0.08m));
        p.Apply(Side.Sell, Quantity.Parse("0.010"), Price.Parse("40100"), Money.FromDecimal(0.2005m));
        return p;
    }

    [Fact]
    public void SameFiguresAtTheVenue_NoDifference()
    {
        Position p = RoundTrip();
        Assert.Equal(Money.FromDecimal(1m), p.RealizedPnl);
        Assert.Empty(PnlReconciliation.Compare(p.RealizedPnl, p.Fees, Money.FromDecimal(1m), Money.FromDecimal(0.2805m)));
    }

    [Fact]
    public void VenueSaysOtherwise_EachDifferenceReported_VenueMinusOms()
    {
        Position p = RoundTrip();
        IReadOnlyList<ReconcileDifference> d = PnlReconciliation.Compare(p.RealizedPnl, p.Fees, Money.FromDecimal(0.99m), Money.FromDecimal(0.2806m));

        Assert.Equal(2, d.Count);
        Assert.All(d, x => Assert.Equal(ReconcileDifferenceKind.PnlDifference, x.Kind));
        Assert.Equal("realised PnL: the venue says 0.99, the OMS 1: difference -0.01", d[0].Text);
        Assert.Equal("fees: the venue says 0.2806, the OMS 0.2805: difference 0.0001", d[1].Text);
        Assert.Equal(
            "realised PnL: OMS 1, venue 0.99, difference -0.01; fees: OMS 0.2805, venue 0.2806, difference 0.0001",
            PnlReconciliation.Line(p.RealizedPnl, p.Fees, Money.FromDecimal(0.99m), Money.FromDecimal(0.2806m)));
    }
}
