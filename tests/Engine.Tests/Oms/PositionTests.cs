using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

public class PositionTests
{
    private static Quantity Q(string s) => Quantity.Parse(s);
    private static Price P(string s) => Price.Parse(s);
    private static Money M(decimal d) => Money.FromDecimal(d);

    [Fact]
    public void LongRoundTrip_RealisesExitMinusEntryNotional()
    {
        var pos = default(Position);
        pos.Apply(Side.Buy, Q("0.002"), P("100"), M(0.0001m));
        pos.Apply(Side.Buy, Q("0.001"), P("103"), M(0.00005m));
        // basis 0.2 + 0.103 = 0.303; average 101
        Assert.Equal(P("101"), pos.AveragePrice);
        Assert.Equal(M(0.303m), pos.CostBasis);
        Assert.Equal(M(0.003m), pos.UnrealizedPnl(P("102"))); // 0.306 - 0.303

        Money first = pos.Apply(Side.Sell, Q("0.001"), P("110"), M(0.00002m)); // releases 0.101: 0.110 - 0.101
        Assert.Equal(M(0.009m), first);
        Money rest = pos.Apply(Side.Sell, Q("0.002"), P("99"), M(0.00004m));  // releases 0.202: 0.198 - 0.202
        Assert.Equal(M(-0.004m), rest);
        Assert.True(pos.IsFlat);
        Assert.Equal(Money.Zero, pos.CostBasis);
        Assert.Equal(M(0.005m), pos.RealizedPnl); // -0.2 -0.103 +0.110 +0.198
        Assert.Equal(M(0.00021m), pos.Fees);
        Assert.Equal(M(0.00479m), pos.NetPnl);
    }

    [Fact]
    public void ShortRoundTrip_GainsWhenPriceFalls()
    {
        var pos = default(Position);
        pos.Apply(Side.Sell, Q("0.004"), P("59989.9"), Money.Zero);
        Assert.Equal(Q("-0.004"), pos.Size);
        Assert.Equal(P("59989.9"), pos.AveragePrice);
        Money r = pos.Apply(Side.Buy, Q("0.004"), P("60040.1"), Money.Zero);
        Assert.Equal(M(-0.2008m), r); // (59989.9 - 60040.1) × 0.004
        Assert.True(pos.IsFlat);
    }

    [Fact]
    public void PartialRelease_RoundsButTheCloseReleasesTheRestExactly()
    {
        var pos = default(Position);
        pos.Apply(Side.Buy, Q("0.00000003"), P("1"), Money.Zero); // basis 0.00000003 over 3 units
        pos.Apply(Side.Sell, Q("0.00000001"), P("1"), Money.Zero);
        pos.Apply(Side.Sell, Q("0.00000001"), P("1"), Money.Zero);
        pos.Apply(Side.Sell, Q("0.00000001"), P("1"), Money.Zero);
        Assert.True(pos.IsFlat);
        Assert.Equal(Money.Zero, pos.RealizedPnl);
        Assert.Equal(Money.Zero, pos.CostBasis);
    }
}
