using Engine.Model;
using Engine.Signals;
using static Engine.Signals.DeltaScoutOutcome;
using static Engine.Tests.Signals.TestRows;

namespace Engine.Tests.Signals;

/// <summary>
/// Hand-built sequences for each rule of contracts §3. The base case (hand-computed):
/// row0 buy .8 sell .2 avg 100 → delta .6 vol 1 imb .6; row1 buy 1.6 sell .4 avg/close 102 → delta 1.2 vol 2 imb .6,
/// vwap = (100·1 + 102·2) / 3 = 101.33 → 101, EMA50 = 100 + 2/51·2 = 100.08, CHOP30 = |102-100| / (102-100) = 1,
/// COH10 = 1.8 / 3 = 0.6, poc: both prices in bin floor((p + 5) / 10) = 10 → 100. Row1 is a long PEAK.
/// </summary>
public class DeltaScoutDetectorTests
{
    private static readonly DeltaScoutOptions Defaults = new();

    private static List<DeltaScoutEvaluation> Base(DeltaScoutOptions options, string close1 = "102") =>
        Run(options, Row(0, "0.8", "0.2", 100), Row(1, "1.6", "0.4", 102, close1));

    [Fact]
    public void FirstRow_IsBothCandidates_OnlyMaxIsEvaluated()
    {
        var r = Base(Defaults);
        Assert.Equal(NoPrevious, r[0].MaxOutcome);
        Assert.Equal(SkippedAfterMax, r[0].MinOutcome);
        Assert.False(r[0].HasPeak);
        Assert.True(double.IsPositiveInfinity(r[0].Chop30));
    }

    [Fact]
    public void StrongerLongWithAllGatesOpen_EmitsPeakWithHandComputedFields()
    {
        var r = Base(Defaults);
        Assert.Equal(Peak, r[1].MaxOutcome);
        Assert.Equal(NotCandidate, r[1].MinOutcome);
        Assert.True(r[1].HasPeak);
        TradeSignal p = r[1].Peak;
        Assert.Equal(SignalDirection.Long, p.Direction);
        Assert.Equal(SignalSource.DeltaScout, p.Source);
        Assert.Equal(102.0, p.Price);
        Assert.Equal(1.2, p.Delta);
        Assert.Equal(2.0, p.Volume);
        Assert.Equal(0.6, p.Imbalance);
        Assert.Equal(101.0, p.Vwap);
        Assert.Equal(100.0, p.Poc);
        Assert.Equal(StartMs + 60_000, r[1].RowStartMs);
        Assert.Equal(StartMs + 120_000, p.TimeMs);
        Assert.Equal(1.0, r[1].Chop30);
        Assert.Equal(0.6, r[1].Coh10, 12);
        Assert.Equal(100 + (2.0 / 51 * 2), r[1].Ema50, 9);
    }

    // Row1's imb is the original's double: python3 abs(1.6-0.4)/(1.6+0.4) = 0.6000000000000001 (1.2000000000000002 / 2),
    // so IMB_MAX = 0.6 rejects it as the original does (contracts §3, floating-point parity); the bound is inclusive.
    [Theory]
    [InlineData(0.6000000000000001, Peak)]  // imb == IMB_MAX passes (inclusive)
    [InlineData(0.6, ImbalanceGate)]
    [InlineData(0.59, ImbalanceGate)]
    public void ImbalanceUpperBound_IsInclusive(double imbMax, DeltaScoutOutcome expected) =>
        Assert.Equal(expected, Base(Defaults with { ImbMax = imbMax })[1].MaxOutcome);

    [Theory]
    [InlineData(0.6, null, Peak)]            // imb == IMB_MIN passes
    [InlineData(0.61, null, ImbalanceGate)]
    [InlineData(0.5, 0.61, ImbalanceGate)]   // IMB_MIN_LONG overrides IMB_MIN for longs
    [InlineData(0.61, 0.6, Peak)]
    public void ImbalanceLowerBound_UsesLongOverride(double imbMin, double? imbMinLong, DeltaScoutOutcome expected) =>
        Assert.Equal(expected, Base(Defaults with { ImbMin = imbMin, ImbMinLong = imbMinLong, ImbMax = 0.65 })[1].MaxOutcome);

    [Fact]
    public void ImbMinShort_DoesNotAffectLongs() =>
        Assert.Equal(Peak, Base(Defaults with { ImbMinShort = 0.65 })[1].MaxOutcome);

    [Theory]
    [InlineData(0.6, Peak)]             // COH10 == COH10_MIN passes
    [InlineData(0.61, CoherenceGate)]
    public void CoherenceBoundary_IsInclusive(double cohMin, DeltaScoutOutcome expected) =>
        Assert.Equal(expected, Base(Defaults with { Coh10Min = cohMin })[1].MaxOutcome);

    [Theory]
    [InlineData(1.0, Peak)]             // CHOP30 == CHOP30_MAX passes
    [InlineData(0.99, ChopGate)]
    public void ChopBoundary_IsInclusive(double chopMax, DeltaScoutOutcome expected) =>
        Assert.Equal(expected, Base(Defaults with { Chop30Max = chopMax })[1].MaxOutcome);

    [Theory]
    [InlineData("100", TrendGate)]      // price_now == ... EMA50 = 100: not strictly above
    [InlineData("101", TrendGate)]      // above EMA50 but equal to vwap 101: not strictly above
    [InlineData("101.01", Peak)]
    public void TrendGate_NeedsPriceNowStrictlyAboveEmaAndVwap(string close, DeltaScoutOutcome expected) =>
        Assert.Equal(expected, Base(Defaults, close)[1].MaxOutcome);

    [Theory]
    [InlineData(1.0, Peak)]             // price - vwap = 102 - 101 = 1, not > 1
    [InlineData(0.99, VwapTooFar)]
    public void VwapDistance_IsStrict(double maxDist, DeltaScoutOutcome expected) =>
        Assert.Equal(expected, Base(Defaults with { VwapMaxDistUsd = maxDist })[1].MaxOutcome);

    [Fact]
    public void LongBelowVwap_StopsOnVwapSide()
    {
        // vwap = (110·10 + 100·20) / 30 = 103.3 → 103 > price 100
        var r = Run(Defaults, Row(0, "8", "2", 110), Row(1, "16", "4", 100));
        Assert.Equal(VwapSide, r[1].MaxOutcome);
        Assert.Equal(103, r[1].Vwap);
    }

    [Fact]
    public void LongPriceEqualToVwap_PassesSideCheck()
    {
        // vwap 102 == price 102: not below, so the comparison runs (and finds the price not higher than prev's 102)
        var r = Run(Defaults, Row(0, "0.8", "0.2", 102), Row(1, "1.6", "0.4", 102));
        Assert.Equal(NotStronger, r[1].MaxOutcome);
    }

    [Theory]
    [InlineData("1.6", "0.4", 100.0)]    // price not higher (100 vs 100)
    [InlineData("0.8", "0.2", 102.0)]    // vol not higher (1 vs 1; delta .6 ties the max)
    [InlineData("1.6", "0.4", 100.4)]    // vwap (100 + 200.8) / 3 = 100.27 → 100, not higher than prev 100
    public void EachOfThreeComparisons_MustBeStrictlyStronger(string buy, string sell, double avg)
    {
        var r = Run(Defaults, Row(0, "0.8", "0.2", 100), Row(1, buy, sell, avg));
        Assert.Equal(NotStronger, r[1].MaxOutcome);
    }

    [Fact]
    public void FailedGate_StillReplacesPrevious()
    {
        // row1 fails the imbalance gate but becomes prev; row2 is then compared with row1, not row0.
        var o = Defaults with { ImbMax = 0.59 };
        var r = Run(o, Row(0, "0.8", "0.2", 100), Row(1, "1.6", "0.4", 102), Row(2, "2.3", "0.5", 101.5));
        Assert.Equal(ImbalanceGate, r[1].MaxOutcome);
        Assert.Equal(NotStronger, r[2].MaxOutcome); // 101.5 < 102 (it would beat row0's 100)
    }

    [Fact]
    public void MinCandidateAfterLongPrevious_IsKindChanged()
    {
        var r = Run(Defaults, Row(0, "0.8", "0.2", 100), Row(1, "0.2", "0.8", 99));
        Assert.Equal(NotCandidate, r[1].MaxOutcome);
        Assert.Equal(KindChanged, r[1].MinOutcome);
    }

    [Fact]
    public void ShortPeak_MirrorsTheLongRules()
    {
        // row1 MIN sees prev long → KindChanged; row2: vwap (100 + 196 + 288) / 6 = 97.33 → 97, price 96 < 98,
        // vol 3 > 2, vwap 97 < 99; close 96 below EMA and vwap; CHOP30 = 4 / 4; COH10 = 3.6 / 6; imb .6.
        var r = Run(Defaults, Row(0, "0.2", "0.8", 100), Row(1, "0.4", "1.6", 98), Row(2, "0.6", "2.4", 96));
        Assert.Equal(KindChanged, r[1].MinOutcome);
        Assert.Equal(NotCandidate, r[2].MaxOutcome);
        Assert.Equal(Peak, r[2].MinOutcome);
        TradeSignal p = r[2].Peak;
        Assert.Equal(SignalDirection.Short, p.Direction);
        Assert.Equal((-1.8, 3.0, 0.6, 97.0, 100.0), (p.Delta, p.Volume, p.Imbalance, p.Vwap, p.Poc));
    }

    [Fact]
    public void ShortAboveVwap_StopsOnVwapSide()
    {
        var r = Run(Defaults, Row(0, "0.2", "0.8", 100), Row(1, "0.4", "1.6", 98), Row(2, "0.6", "2.4", 110));
        Assert.Equal(VwapSide, r[2].MinOutcome);
    }

    [Fact]
    public void ShortImbalance_UsesShortOverride()
    {
        var o = Defaults with { ImbMinShort = 0.61 };
        var r = Run(o, Row(0, "0.2", "0.8", 100), Row(1, "0.4", "1.6", 98), Row(2, "0.6", "2.4", 96));
        Assert.Equal(ImbalanceGate, r[2].MinOutcome);
    }

    [Fact]
    public void RowBothMaxAndMin_AfterLongPeak_EvaluatesMinAsKindChange()
    {
        // A one-row window makes every row both MAX and MIN.
        var o = Defaults with { RollWindowMin = 1 };
        var r = Run(o, Row(0, "0.8", "0.2", 100), Row(1, "1.6", "0.4", 102), Row(2, "2.4", "0.6", 104));
        Assert.Equal((NoPrevious, SkippedAfterMax), (r[0].MaxOutcome, r[0].MinOutcome));
        Assert.Equal((Peak, KindChanged), (r[1].MaxOutcome, r[1].MinOutcome));
        Assert.Equal((KindChanged, SkippedAfterMax), (r[2].MaxOutcome, r[2].MinOutcome)); // prev is now short
    }

    [Fact]
    public void TiedDeltaInWindow_IsStillAMaxCandidate()
    {
        var r = Run(Defaults, Row(0, "0.8", "0.2", 100), Row(1, "1.3", "0.7", 102), Row(2, "0.1", "0.1", 101));
        Assert.NotEqual(NotCandidate, r[1].MaxOutcome); // .6 ties the max .6
        Assert.Equal(NotCandidate, r[2].MaxOutcome);     // 0 is the min of {.6, .6, 0}, not the max
        Assert.Equal(KindChanged, r[2].MinOutcome);
    }

    [Fact]
    public void OlderMaxLeavingTheWindow_MakesASmallerDeltaTheMax()
    {
        var o = Defaults with { RollWindowMin = 2 };
        var r = Run(o, Row(0, "5", "0", 100), Row(1, "1", "0", 100), Row(2, "0.5", "0", 100));
        Assert.Equal(NotCandidate, r[1].MaxOutcome); // 1 < 5
        Assert.NotEqual(NotCandidate, r[2].MinOutcome); // window {1, .5}: .5 is the min
        Assert.Equal(NotCandidate, r[2].MaxOutcome);
        var r3 = Run(o, Row(0, "5", "0", 100), Row(1, "1", "0", 100), Row(2, "2", "0", 100));
        Assert.NotEqual(NotCandidate, r3[2].MaxOutcome); // 5 left the window: 2 is the max of {1, 2}
    }

    [Theory]
    [InlineData("0.23", true)]
    [InlineData("0.24", false)]   // TotalQty == ZERO_QTY_TH is not quiet
    public void QuietMinute_NeedsQtyStrictlyBelowThreshold(string qty, bool zero)
    {
        var r = Run(Defaults, Row(0, qty, "0", 100));
        Assert.Equal(zero, r[0].Zero);
    }

    [Theory]
    [InlineData("1.09625", false)] // mean of 8 × 1.09625 and 0.23 is exactly 1: not below AVG9_MAX
    [InlineData("1.0962", true)]
    public void QuietMinute_NeedsNineRowMeanStrictlyBelowAvg9Max(string earlier, bool zero)
    {
        var rows = new AggregatedRow[9];
        for (int i = 0; i < 8; i++)
        {
            rows[i] = Row(i, earlier, "0", 100);
        }

        rows[8] = Row(8, "0.23", "0", 100);
        Assert.Equal(zero, Run(Defaults, rows)[8].Zero);
    }

    [Fact]
    public void QuietMinute_MeanCoversOnlyTheLastNineRows()
    {
        var rows = new AggregatedRow[10];
        rows[0] = Row(0, "100", "0", 100); // leaves the 9-row window at row 9
        for (int i = 1; i < 10; i++)
        {
            rows[i] = Row(i, "0.1", "0", 100);
        }

        var r = Run(Defaults, rows);
        Assert.False(r[8].Zero);
        Assert.True(r[9].Zero);
    }

    [Fact]
    public void EmptyVolume_GivesNullVwapZeroCoherenceAndAPoc()
    {
        var r = Run(Defaults, Row(0, "0", "0", 100), Row(1, "0", "0", 100));
        Assert.False(r[1].VwapKnown);
        Assert.Equal(100, r[1].Poc);
        Assert.Equal(0.0, r[1].Coh10);
        Assert.True(double.IsPositiveInfinity(r[1].Chop30)); // zero range
        Assert.Equal(NotStronger, r[1].MaxOutcome); // null vwap is never stronger
    }

    [Theory]
    [InlineData(100, 101, 100)]  // 100.5 → 100 (half to even)
    [InlineData(101, 102, 102)]  // 101.5 → 102
    public void Vwap_RoundsHalfToEven(double first, double second, long expected)
    {
        var r = Run(Defaults, Row(0, "1", "0", first), Row(1, "1", "0", second));
        Assert.Equal(expected, r[1].Vwap);
    }

    [Fact]
    public void Poc_TieGoesToTheBinThatAppearsFirst_AndMovesWhenItsFirstRowLeaves()
    {
        // bins of 10: A = 100, B = 120, C = 130; window of 3 rows.
        var o = Defaults with { VwapWindowMin = 3 };
        var r = Run(o,
            Row(0, "0", "0", 100),   // A:0
            Row(1, "1", "0", 120),   // B:1
            Row(2, "1", "0", 100),   // A:1  → A 1, B 1: tie, A first (row 0)
            Row(3, "0", "0", 130));  // C:0  → window B:1, A:1, C:0: tie, B first now (row 1)
        Assert.Equal(120, r[1].Poc);
        Assert.Equal(100, r[2].Poc);
        Assert.Equal(120, r[3].Poc);
    }

    [Fact]
    public void Poc_BinCentreRoundsHalfToEven()
    {
        // step 0.5: 2.5 falls in bin floor((2.5 + 0.25) / 0.5) = 5 → 2.5 → round → 2
        var r = Run(Defaults with { PocStepUsd = 0.5 }, Row(0, "1", "0", 2.5));
        Assert.Equal(2, r[0].Poc);
    }

    [Fact]
    public void RowWithoutCloseColumn_UsesAvgPriceAsPriceNow()
    {
        AggregatedRow a = Row(0, "0.8", "0.2", 100);
        AggregatedRow b = Row(1, "1.6", "0.4", 102, close: "100"); // close would fail the trend gate
        b.HasClose = false;
        a.HasClose = false;
        var r = Run(Defaults, a, b);
        Assert.Equal(102.0, r[1].PriceNow);
        Assert.Equal(Peak, r[1].MaxOutcome);
    }

    [Fact]
    public void NonFinitePrice_IsRejectedAndCounted_WithoutChangingState()
    {
        var d = new DeltaScoutDetector(Defaults);
        AggregatedRow bad = Row(0, "1", "0", 100);
        bad.AvgPrice = double.NaN;
        Assert.False(d.OnRow(in bad, out _));
        Assert.Equal(1, d.RejectedRows);
        Assert.Equal(0, d.RowsSeen);
        AggregatedRow good = Row(0, "0.8", "0.2", 100);
        Assert.True(d.OnRow(in good, out var e));
        Assert.Equal(NoPrevious, e.MaxOutcome);
    }
}
