using Engine.Model;
using Engine.Signals;
using static Engine.Signals.DeltaScoutOutcome;
using static Engine.Tests.Signals.TestRows;

namespace Engine.Tests.Signals;

/// <summary>
/// Contracts §3 "Floating-point parity": the original parses BuyQty and SellQty to IEEE doubles and computes
/// delta = buy - sell, vol = buy + sell, imb = abs(delta) / vol with one double operation each. Every expected value
/// here was worked out in IEEE double by hand and checked with python3 (the original's language), e.g.
/// <c>python3 -c "print(repr(abs(0.031-0.009)/(0.031+0.009)))"</c> prints 0.5499999999999999.
/// </summary>
public class DeltaScoutFloatParityTests
{
    private static readonly DeltaScoutOptions Defaults = new();

    // row0: delta .006 vol .01 at 100; row1: buy .031 sell .009 at 103 (exact imb 0.022 / 0.04 = 0.55).
    // vwap (100·.01 + 103·.04) / .05 = 102.4 → 102; EMA50 < 103; CHOP30 1; COH10 .028 / .05 = .56.
    private static DeltaScoutEvaluation ImbalanceExactly055(DeltaScoutOptions options) =>
        Run(options, Row(0, "0.008", "0.002", 100), Row(1, "0.031", "0.009", 103))[1];

    [Fact]
    public void RowAtExactImbalance055_IsBelowImbMin055_AsInPython()
    {
        // python3: abs(0.031-0.009)/(0.031+0.009) = 0.5499999999999999 < 0.55 → the original drops it.
        Assert.Equal(ImbalanceGate, ImbalanceExactly055(Defaults with { ImbMin = 0.55 }).MaxOutcome);
    }

    [Fact]
    public void RowAtExactImbalance055_EmitsPythonRoundedFields_WhenTheBandAdmitsIt()
    {
        DeltaScoutEvaluation e = ImbalanceExactly055(Defaults with { ImbMin = 0.54 });
        Assert.Equal(Peak, e.MaxOutcome);

        // python3: round(0.022, 2) = 0.02, round(0.04, 2) = 0.04, round(0.5499999999999999, 3) = 0.55
        Assert.Equal((0.02, 0.04, 0.55), (e.Peak.Delta, e.Peak.Volume, e.Peak.Imbalance));
    }

    [Fact]
    public void RowAtExactImbalance065_IsAboveImbMax065_AsInPython()
    {
        // buy 2.937 sell .623: exact imb 2.314 / 3.56 = 0.65; python3: 2.314 / 3.5599999999999996 = 0.6500000000000001.
        // row0 .8/.2 at 100; row1 at 103: vwap (100 + 103·3.56) / 4.56 = 102.34 → 102, COH10 2.914 / 4.56 = .64.
        DeltaScoutEvaluation e = Run(Defaults, Row(0, "0.8", "0.2", 100), Row(1, "2.937", "0.623", 103))[1];
        Assert.Equal(ImbalanceGate, e.MaxOutcome);
    }

    [Fact]
    public void VolumeComparison_UsesTheDoubleSum()
    {
        // row0 .15/.15: vol .15 + .15 = 0.3 exactly; row1 .2/.1: exact vol 0.3 too, but 0.2 + 0.1 = 0.30000000000000004
        // in double, so the original finds row1 stronger (curr.vol > prev.vol). Both rows are long candidates (row0 delta 0
        // is the first max; row1 delta 0.1 is the new max). Gates opened wide: imb 0.1 / 0.30000000000000004 = 0.333.
        DeltaScoutOptions open = Defaults with { ImbMin = 0.3, Coh10Min = 0 };
        List<DeltaScoutEvaluation> r = Run(open, Row(0, "0.15", "0.15", 100), Row(1, "0.2", "0.1", 103));
        Assert.Equal(NoPrevious, r[0].MaxOutcome);
        Assert.Equal(Peak, r[1].MaxOutcome);
        Assert.Equal((0.1, 0.3, 0.333), (r[1].Peak.Delta, r[1].Peak.Volume, r[1].Peak.Imbalance));
    }

    [Fact]
    public void DeltaWindowMaximum_UsesTheDoubleDifference()
    {
        // Exact deltas 0.3, 0.3, 0.3; in double 0.3 - 0 = 0.3 but 0.4 - 0.1 = 0.30000000000000004, so row2 (0.3) is not
        // the window maximum for the original: not a MAX candidate, but it is the minimum, so its MIN is evaluated.
        List<DeltaScoutEvaluation> r = Run(Defaults, Row(0, "0.3", "0", 100), Row(1, "0.4", "0.1", 100), Row(2, "0.3", "0", 100));
        Assert.Equal(NotCandidate, r[2].MaxOutcome);
        Assert.NotEqual(NotCandidate, r[2].MinOutcome);
        Assert.NotEqual(SkippedAfterMax, r[2].MinOutcome);
    }

    [Theory]
    [InlineData("0.009", "0.004", 0.0)]   // python3: 0.009 - 0.004 = 0.004999999999999999, round(…, 2) = 0.0 (exact 0.005 gives 0.01)
    [InlineData("0.017", "0.002", 0.02)]  // 0.015000000000000001 → 0.02 (exact 0.015 gives 0.01)
    public void EmittedDelta_IsThePythonRoundOfTheDoubleDifference(string buy, string sell, double expected)
    {
        // row0 delta 0 vol .01 at 100, row1 the stronger long at 103 with every gate open.
        DeltaScoutOptions open = Defaults with { ImbMin = 0, ImbMax = 1, Coh10Min = 0 };
        List<DeltaScoutEvaluation> r = Run(open, Row(0, "0.005", "0.005", 100), Row(1, buy, sell, 103));
        Assert.Equal(Peak, r[1].MaxOutcome);
        Assert.Equal(expected, r[1].Peak.Delta);
    }

    [Fact]
    public void OrderKey_SortsAsDoublesCompare()
    {
        // delta = buy - sell of two non-negative doubles is never -0.0 (x - x is +0.0), so signed zero needs no care.
        double[] values = [0.0, 0.3, -0.3, 0.30000000000000004, -0.30000000000000004, 1e-300, -1e-300, 12345.678, -12345.678, 1e9, -1e9, 5e-324];
        foreach (double x in values)
        {
            foreach (double y in values)
            {
                Assert.Equal(x.CompareTo(y), DeltaScoutDetector.OrderKey(x).CompareTo(DeltaScoutDetector.OrderKey(y)));
            }
        }
    }
}
