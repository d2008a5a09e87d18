using Engine.Model;
using Engine.Signals;

namespace Engine.Tests.Signals;

/// <summary>
/// Hand-built bar and indicator sequences for each rule of the volume-bar signal. The indicators are given directly,
/// so every boundary (spread sign, close against the band, RSI against its band, the window) is hit exactly.
/// Defaults: CrossWindowBars 3, long RSI [50, 75], short RSI [25, 50].
/// </summary>
public class VolumeBarSignalTests
{
    private const double Upper = 101;
    private const double Lower = 99;

    private static VolumeBarSignal Signal(VolumeSignalOptions? options = null) => new(options ?? new VolumeSignalOptions());

    private static VolumeBar Bar(string close, long index = 0, string buy = "3", string sell = "1") => new()
    {
        Symbol = new SymbolId(2),
        Index = index,
        Open = Price.Parse("100"),
        High = Price.Parse(close),
        Low = Price.Parse(close),
        Close = Price.Parse(close),
        BuyVolume = Quantity.Parse(buy),
        SellVolume = Quantity.Parse(sell),
        Volume = Quantity.Parse(buy) + Quantity.Parse(sell),
        Vwap = 100.5,
        Trades = 7,
        FirstTradeTimeMs = 1_000 + (index * 10),
        LastTradeTimeMs = 1_005 + (index * 10),
    };

    /// <summary>Indicators whose EMA spread is <paramref name="spread"/> (fast minus slow).</summary>
    private static IndicatorValues Ind(double spread, double rsi = 60, double atr = 1.5) => new()
    {
        EmaFast = 100 + spread,
        EmaSlow = 100,
        Rsi = rsi,
        BbUpper = Upper,
        BbMiddle = 100,
        BbLower = Lower,
        Atr = atr,
    };

    private static bool On(VolumeBarSignal s, string close, in IndicatorValues ind, out TradeSignal signal) =>
        s.OnBar(Bar(close), in ind, out signal);

    private static bool On(VolumeBarSignal s, string close, in IndicatorValues ind) => s.OnBar(Bar(close), in ind, out _);

    [Fact]
    public void CrossUp_WithBreakoutAndRsiInBand_SignalsLongWithTheBarsFields()
    {
        VolumeBarSignal s = Signal();
        Assert.False(On(s, "100", Ind(-0.5)));
        VolumeBar bar = Bar("101.5", index: 4);
        IndicatorValues ind = Ind(0.25, rsi: 60, atr: 2.5);
        Assert.True(s.OnBar(in bar, in ind, out TradeSignal signal));

        Assert.Equal(SignalSource.VolumeBar, signal.Source);
        Assert.Equal(SignalDirection.Long, signal.Direction);
        Assert.Equal(new SymbolId(2), signal.Symbol);
        Assert.Equal(1_045, signal.TimeMs); // the bar's last trade
        Assert.Equal(101.5, signal.Price);
        Assert.Equal(Price.Parse("101.5"), signal.LastTradePrice);
        Assert.Equal(2.0, signal.Delta);     // 3 bought - 1 sold
        Assert.Equal(4.0, signal.Volume);
        Assert.Equal(0.5, signal.Imbalance); // |2| / 4
        Assert.Equal(100.5, signal.Vwap);
        Assert.True(double.IsNaN(signal.Poc));
        Assert.Equal(2.5, signal.Atr);
        Assert.Equal(2, s.BarsSeen);
    }

    [Fact]
    public void CrossDown_WithBreakdownAndRsiInBand_SignalsShort()
    {
        VolumeBarSignal s = Signal();
        Assert.False(On(s, "100", Ind(0.5)));
        Assert.True(s.OnBar(Bar("98.5", buy: "1", sell: "4"), Ind(-0.25, rsi: 40), out TradeSignal signal));
        Assert.Equal(SignalDirection.Short, signal.Direction);
        Assert.Equal(SignalSource.VolumeBar, signal.Source);
        Assert.Equal(-3.0, signal.Delta);
        Assert.Equal(0.6, signal.Imbalance, 15); // |-3| / 5
    }

    [Theory]
    [InlineData(double.NaN, 100, 60, Upper)] // fast EMA warming up
    [InlineData(100.5, double.NaN, 60, Upper)] // slow EMA warming up
    [InlineData(100.5, 100, double.NaN, Upper)] // RSI warming up
    [InlineData(100.5, 100, 60, double.NaN)] // Bollinger warming up
    public void WarmingUpIndicator_NeverSignals_AndTheNextWarmBarIsNoCrossover(double fast, double slow, double rsi, double upper)
    {
        VolumeBarSignal s = Signal();
        Assert.False(On(s, "100", Ind(-1)));
        var warming = new IndicatorValues { EmaFast = fast, EmaSlow = slow, Rsi = rsi, BbUpper = upper, BbMiddle = 100, BbLower = Lower, Atr = 1 };
        Assert.False(On(s, "102", in warming));

        // A fresh signal whose first warm bar already has a positive spread: no previous spread, so no crossover.
        VolumeBarSignal fresh = Signal();
        Assert.False(On(fresh, "102", in warming));
        Assert.False(On(fresh, "102", Ind(0.5)));
        Assert.False(On(fresh, "102", Ind(0.6)));
    }

    [Fact]
    public void WarmUpGap_DoesNotHideACrossoverAcrossIt()
    {
        // The spread before the NaN bar is the one compared with: -1 then (NaN) then +0.5 is a crossover.
        VolumeBarSignal s = Signal();
        Assert.False(On(s, "100", Ind(-1)));
        Assert.False(On(s, "102", IndicatorValues.Empty));
        Assert.True(On(s, "102", Ind(0.5)));
    }

    [Theory]
    [InlineData("101", false)]         // close equal to the upper band: not a breakout
    [InlineData("101.00000001", true)] // one unit above
    public void LongBreakout_NeedsCloseStrictlyAboveUpperBand(string close, bool fires)
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.Equal(fires, On(s, close, Ind(1)));
    }

    [Theory]
    [InlineData("99", false)]
    [InlineData("98.99999999", true)]
    public void ShortBreakdown_NeedsCloseStrictlyBelowLowerBand(string close, bool fires)
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(1));
        Assert.Equal(fires, On(s, close, Ind(-1, rsi: 40)));
    }

    [Theory]
    [InlineData(49.999, false)]
    [InlineData(50, true)] // bounds are inclusive
    [InlineData(75, true)]
    [InlineData(75.001, false)]
    public void LongRsi_MustLieInsideTheLongBand(double rsi, bool fires)
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.Equal(fires, On(s, "102", Ind(1, rsi)));
    }

    [Theory]
    [InlineData(24.999, false)]
    [InlineData(25, true)]
    [InlineData(50, true)]
    [InlineData(50.001, false)]
    public void ShortRsi_MustLieInsideTheShortBand(double rsi, bool fires)
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(1));
        Assert.Equal(fires, On(s, "98", Ind(-1, rsi)));
    }

    [Theory]
    [InlineData(-0.5, 0.5, true)] // below to above
    [InlineData(0, 0.5, true)]    // from equal to above: prev <= 0 < spread
    [InlineData(0.5, 0.7, false)] // already above: no crossover
    [InlineData(-0.5, 0, false)]  // only reaching equality is not a cross up
    public void CrossUp_IsPreviousSpreadAtMostZeroAndSpreadAboveZero(double previous, double spread, bool fires)
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(previous));
        Assert.Equal(fires, On(s, "102", Ind(spread)));
    }

    [Theory]
    [InlineData(0.5, -0.5, true)]
    [InlineData(0, -0.5, true)]
    [InlineData(-0.5, -0.7, false)]
    [InlineData(0.5, 0, false)]
    public void CrossDown_IsPreviousSpreadAtLeastZeroAndSpreadBelowZero(double previous, double spread, bool fires)
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(previous));
        Assert.Equal(fires, On(s, "98", Ind(spread, rsi: 40)));
    }

    [Theory]
    [InlineData(1, 0, true)]  // window 1: only the crossover bar itself
    [InlineData(1, 1, false)]
    [InlineData(3, 2, true)]  // default window 3: crossover bar + 2 more
    [InlineData(3, 3, false)]
    [InlineData(5, 4, true)]
    [InlineData(5, 5, false)]
    public void Breakout_CountsOnlyWithinCrossWindowBarsOfTheCrossover(int window, int barsAfterCross, bool fires)
    {
        VolumeBarSignal s = Signal(new VolumeSignalOptions { CrossWindowBars = window });
        On(s, "100", Ind(-1));
        for (int i = 0; i < barsAfterCross; i++)
        {
            Assert.False(On(s, "100", Ind(1))); // above the slow EMA but inside the bands
        }

        Assert.Equal(fires, On(s, "102", Ind(1)));
    }

    [Fact]
    public void OneSignalPerCrossover_UntilTheNextCrossover()
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.True(On(s, "102", Ind(1)));
        Assert.False(On(s, "102", Ind(1)));  // same crossover, still inside the window
        Assert.False(On(s, "100", Ind(-1))); // crosses down (close inside the bands: no short)
        Assert.True(On(s, "102", Ind(1)));   // a new crossover may fire again
    }

    [Fact]
    public void LongAndShort_FireOncePerCrossoverEach()
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.True(On(s, "102", Ind(1), out TradeSignal up));
        Assert.True(On(s, "98", Ind(-1, rsi: 40), out TradeSignal down));
        Assert.False(On(s, "98", Ind(-1, rsi: 40)));
        Assert.Equal(SignalDirection.Long, up.Direction);
        Assert.Equal(SignalDirection.Short, down.Direction);
    }

    [Fact]
    public void CrossUp_ThenSpreadBackBelow_DoesNotSignalLongInsideTheWindow()
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.False(On(s, "100", Ind(1)));
        Assert.False(On(s, "102", Ind(-0.1))); // a close above the band, but the fast EMA is back below the slow
    }

    [Fact]
    public void Breakout_OnTheWrongSide_IsNotASignal()
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.False(On(s, "98", Ind(1, rsi: 40))); // crossed up but broke down: neither long nor short
    }

    [Fact]
    public void LateBreakout_WithinTheWindow_StillFires()
    {
        VolumeBarSignal s = Signal();
        On(s, "100", Ind(-1));
        Assert.False(On(s, "102", Ind(1, rsi: 80))); // RSI too hot on the crossover bar
        Assert.True(On(s, "102", Ind(1, rsi: 70)));  // cooled down one bar later
    }

    [Theory]
    [InlineData(9, 9, 3)]
    [InlineData(9, 21, 0)]
    public void InvalidOptions_AreRejectedAtConstruction(int fast, int slow, int window)
    {
        var options = new VolumeSignalOptions { EmaFast = fast, EmaSlow = slow, CrossWindowBars = window };
        Assert.Throws<ArgumentException>(() => new VolumeBarSignal(options));
    }

    [Fact]
    public void OnBar_AfterWarmUp_AllocatesNothing()
    {
        VolumeBarSignal s = Signal();
        VolumeBar up = Bar("102");
        VolumeBar down = Bar("98");
        IndicatorValues upInd = Ind(1);
        IndicatorValues downInd = Ind(-1, rsi: 40);
        for (int i = 0; i < 100; i++)
        {
            s.OnBar(in up, in upInd, out _);
            s.OnBar(in down, in downInd, out _);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int fired = 0;
        for (int i = 0; i < 10_000; i++)
        {
            fired += s.OnBar(in up, in upInd, out _) ? 1 : 0;
            fired += s.OnBar(in down, in downInd, out _) ? 1 : 0;
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(20_000, fired);
    }
}
