using System.Globalization;
using Engine.Model;
using Engine.Signals;

namespace Engine.Tests.Signals;

/// <summary>The engine and the naive recompute-everything version produce identical evaluations, row by row.</summary>
public class DeltaScoutEquivalenceTests
{
    // Loose settings so that many candidates get through to the gates and PEAKs fire often.
    private static readonly DeltaScoutOptions Loose = new()
    {
        RollWindowMin = 5,
        VwapWindowMin = 7,
        PocStepUsd = 5,
        Chop30Max = 50,
        Coh10Min = 0.05,
        ImbMin = 0.05,
        ImbMax = 1,
        VwapMaxDistUsd = 60,
    };

    public static TheoryData<int, bool, bool, int, int, double, int> Synthetic => new()
    {
        // seed, coarse quantities, has close, roll window, vwap window, poc step, least PEAKs expected
        { 1, true, true, 5, 7, 5, 5 },
        { 2, false, true, 5, 7, 5, 5 },
        { 3, true, false, 3, 4, 1, 5 },
        { 4, false, false, 12, 30, 10, 5 },
        { 5, true, true, 1, 1, 20, 5 },
        { 6, false, true, 180, 180, 10, 0 },
        { 7, true, true, 60, 45, 0.5, 1 },
    };

    [Theory]
    [MemberData(nameof(Synthetic))]
    public void SyntheticFeed_EngineMatchesNaive(int seed, bool coarse, bool hasClose, int roll, int vwap, double step, int minPeaks)
    {
        AggregatedRow[] rows = SyntheticFeed.Generate(seed, 2_000, coarse, hasClose);
        var options = Loose with { RollWindowMin = roll, VwapWindowMin = vwap, PocStepUsd = step };
        int peaks = AssertSameStream(options, rows);
        Assert.True(peaks >= minPeaks, $"only {peaks} peaks: the feed does not exercise emission");
    }

    [Fact]
    public void SyntheticFeed_DefaultSettings_EngineMatchesNaive() =>
        AssertSameStream(new DeltaScoutOptions(), SyntheticFeed.Generate(11, 2_000, coarse: false, hasClose: true));

    [Theory]
    [InlineData("BTCUSDT-1m-20210923T0000Z-20210925T1312Z.csv.gz", false)]
    [InlineData("ETHUSDT-1m-20210923T0000Z-20210926T1102Z.csv.gz", true)]
    public void RealKlines_DefaultSettings_EngineMatchesNaive(string file, bool dropLast) =>
        AssertSameStream(new DeltaScoutOptions(), KlineRows.Load(file, dropLast));

    [Theory]
    [InlineData("BTCUSDT-1m-20210923T0000Z-20210925T1312Z.csv.gz", false)]
    [InlineData("ETHUSDT-1m-20210923T0000Z-20210926T1102Z.csv.gz", true)]
    public void RealKlines_LooseSettings_EngineMatchesNaive(string file, bool dropLast)
    {
        var options = Loose with { RollWindowMin = 30, VwapWindowMin = 60, PocStepUsd = 10, VwapMaxDistUsd = 200 };
        int peaks = AssertSameStream(options, KlineRows.Load(file, dropLast));
        Assert.True(peaks > 5, $"only {peaks} peaks");
    }

    [Fact]
    public void TighterGates_EngineMatchesNaive_AndEveryOutcomeOccurs()
    {
        var seen = new HashSet<DeltaScoutOutcome>();
        var tight = Loose with { Chop30Max = 2, Coh10Min = 0.3, ImbMin = 0.3, ImbMax = 0.8, VwapMaxDistUsd = 10 };
        AssertSameStream(tight, SyntheticFeed.Generate(51, 2_000, coarse: true, hasClose: true), seen);
        AssertSameStream(tight with { RollWindowMin = 1, ImbMinShort = 0.5 }, SyntheticFeed.Generate(52, 2_000, coarse: false, hasClose: false), seen);
        AssertSameStream(Loose, SyntheticFeed.Generate(53, 2_000, coarse: true, hasClose: true), seen);
        Assert.Equal(Enum.GetValues<DeltaScoutOutcome>().Order(), seen.Order());
    }

    [Fact]
    public void WarmStart_ThenLive_MatchesOneContinuousRun()
    {
        AggregatedRow[] rows = SyntheticFeed.Generate(21, 800, coarse: true, hasClose: true);
        var options = Loose with { RollWindowMin = 20, VwapWindowMin = 25 };
        var continuous = new DeltaScoutDetector(options);
        var restarted = new DeltaScoutDetector(options);
        for (int i = 0; i < rows.Length; i++)
        {
            continuous.OnRow(in rows[i], out DeltaScoutEvaluation expected);
            if (i < 500)
            {
                restarted.Warm(in rows[i]);
                continue;
            }

            restarted.OnRow(in rows[i], out DeltaScoutEvaluation actual);
            Assert.Equal(Describe(expected), Describe(actual));
        }
    }

    [Fact]
    public void WarmStart_ForgetPrevious_StartsWithNoPrevious()
    {
        AggregatedRow[] rows = SyntheticFeed.Generate(22, 300, coarse: true, hasClose: true);
        var d = new DeltaScoutDetector(Loose);
        foreach (AggregatedRow r in rows[..200])
        {
            d.Warm(in r);
        }

        d.ForgetPrevious();
        DeltaScoutEvaluation first = default;
        int i = 200;
        while (i < rows.Length && d.OnRow(in rows[i], out first) && first.MaxOutcome == DeltaScoutOutcome.NotCandidate
               && first.MinOutcome == DeltaScoutOutcome.NotCandidate)
        {
            i++;
        }

        Assert.True(first.MaxOutcome == DeltaScoutOutcome.NoPrevious || first.MinOutcome == DeltaScoutOutcome.NoPrevious);
    }

    internal static int AssertSameStream(DeltaScoutOptions options, AggregatedRow[] rows, HashSet<DeltaScoutOutcome>? seen = null)
    {
        var engine = new DeltaScoutDetector(options);
        var naive = new NaiveDeltaScout(options);
        int peaks = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            Assert.True(engine.OnRow(in rows[i], out DeltaScoutEvaluation actual));
            DeltaScoutEvaluation expected = naive.OnRow(rows[i]);
            string e = Describe(expected);
            string a = Describe(actual);
            if (e != a)
            {
                Assert.Fail($"row {i}:\nnaive  {e}\nengine {a}");
            }

            peaks += actual.HasPeak ? 1 : 0;
            seen?.Add(actual.MaxOutcome);
            seen?.Add(actual.MinOutcome);
        }

        return peaks;
    }

    internal static string Describe(in DeltaScoutEvaluation e)
    {
        var ci = CultureInfo.InvariantCulture;
        string peak = e.HasPeak
            ? string.Create(ci, $"{e.Peak.Direction} {e.Peak.Symbol} {e.Peak.TimeMs} {e.Peak.Price:R} {e.Peak.LastTradePrice} d={e.Peak.Delta:R} v={e.Peak.Volume:R} i={e.Peak.Imbalance:R} vwap={e.Peak.Vwap:R} poc={e.Peak.Poc:R}")
            : "-";
        return string.Create(ci, $"ts={e.RowStartMs} zero={e.Zero} max={e.MaxOutcome} min={e.MinOutcome} vwap={(e.VwapKnown ? e.Vwap : null)} poc={e.Poc} now={e.PriceNow:R} ema={e.Ema50:R} chop={e.Chop30:R} coh={e.Coh10:R} peak={peak}");
    }
}
