using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class AverageTrueRangeTests
{
    // StockCharts ChartSchool, "Average True Range (ATR)", worked 14-period example after Wilder (1978), spreadsheet
    // cs-atr.xls: QQQQ daily bars from 2010-04-01 to 2010-05-13.
    private static readonly double[] High =
    [
        48.70, 48.72, 48.90, 48.87, 48.82, 49.05, 49.20, 49.35, 49.92, 50.19, 50.12, 49.66, 49.88, 50.19, 50.36,
        50.57, 50.65, 50.43, 49.63, 50.33, 50.29, 50.17, 49.32, 48.50, 48.32, 46.80, 47.80, 48.39, 48.66, 48.79,
    ];

    private static readonly double[] Low =
    [
        47.79, 48.14, 48.39, 48.37, 48.24, 48.64, 48.94, 48.86, 49.50, 49.87, 49.20, 48.90, 49.43, 49.73, 49.26,
        50.09, 50.30, 49.21, 48.98, 49.61, 49.20, 49.43, 48.08, 47.64, 41.55, 44.28, 47.31, 47.20, 47.90, 47.73,
    ];

    private static readonly double[] Close =
    [
        48.16, 48.61, 48.75, 48.63, 48.74, 49.03, 49.07, 49.32, 49.91, 50.13, 49.53, 49.50, 49.75, 50.03, 50.31,
        50.52, 50.41, 49.43, 49.37, 50.23, 49.24, 49.93, 48.43, 48.18, 46.57, 45.41, 47.77, 47.72, 48.62, 47.85,
    ];

    // The published ATR column, from the 14th day (2010-04-21) on.
    private static readonly double[] PublishedAtr =
    [
        0.55, 0.59, 0.59, 0.57, 0.61, 0.62, 0.64, 0.67, 0.69, 0.77, 0.78, 1.21, 1.30, 1.38, 1.37, 1.34, 1.32,
    ];

    [Fact]
    public void WildersWorkedExample_MatchesPublishedTable()
    {
        // StockCharts takes the first day's high - low as its true range, where TA-Lib (and this class) has none for
        // the first bar. A leading bar whose close lies inside day 1's range (here its own close, 48.16) gives day 1
        // exactly that TR, so the TA-Lib recursion reproduces the published table.
        var atr = new AverageTrueRange(14);
        atr.Update(Close[0], Close[0], Close[0]);
        var values = new List<double>();
        for (int i = 0; i < Close.Length; i++)
        {
            atr.Update(High[i], Low[i], Close[i]);
            if (atr.IsReady)
            {
                values.Add(Math.Round(atr.Value, 2));
            }
        }

        Assert.Equal(PublishedAtr, values);
    }

    [Fact]
    public void TrueRange_UsesPreviousClose_HandChecked()
    {
        var atr = new AverageTrueRange(14);
        atr.Update(High[0], Low[0], Close[0]);
        Assert.True(double.IsNaN(atr.TrueRange)); // the first bar has no true range

        atr.Update(High[1], Low[1], Close[1]);
        Assert.Equal(0.58, atr.TrueRange, 12); // 48.72 - 48.14 beats |48.72 - 48.16| and |48.14 - 48.16|

        for (int i = 2; i <= 26; i++)
        {
            atr.Update(High[i], Low[i], Close[i]);
        }

        Assert.Equal(2.39, atr.TrueRange, 12); // 2010-05-10 gapped up: |47.80 - 45.41| beats 47.80 - 47.31
    }

    [Fact]
    public void TaLibConvention_FirstAtrIsMeanOfFirstFourteenTrueRanges()
    {
        // TRs of days 2..15 (hand computed from the table): 0.58 0.51 0.50 0.58 0.41 0.26 0.49 0.60 0.32 0.93 0.76
        // 0.45 0.46 1.10 → sum 7.95.
        var atr = new AverageTrueRange(14);
        for (int i = 0; i < 15; i++)
        {
            Assert.False(atr.IsReady);
            atr.Update(High[i], Low[i], Close[i]);
        }

        Assert.True(atr.IsReady);
        Assert.Equal(7.95 / 14, atr.Value, 12);
        atr.Update(High[15], Low[15], Close[15]); // TR 0.48 (50.57 - 50.09)
        Assert.Equal(((7.95 / 14 * 13) + 0.48) / 14, atr.Value, 12);
    }

    [Fact]
    public void InvalidBar_IsRejected()
    {
        var atr = new AverageTrueRange(2);
        Assert.False(atr.Update(1, 2, 1.5)); // high < low
        Assert.False(atr.Update(double.NaN, 1, 1));
        Assert.Equal(2, atr.RejectedInputs);
        Assert.True(double.IsNaN(atr.TrueRange));
    }

    [Fact]
    public void RealSecondBars_EqualClosedFormWilderAverage()
    {
        var bars = RealSeries.SecondBars();
        const int n = 14;
        const double a = 1.0 / n;
        var tr = new double[bars.Length];
        for (int i = 1; i < bars.Length; i++)
        {
            double pc = bars[i - 1].Close;
            tr[i] = new[] { bars[i].High - bars[i].Low, Math.Abs(bars[i].High - pc), Math.Abs(bars[i].Low - pc) }.Max();
        }

        var atr = new AverageTrueRange(n);
        for (int t = 0; t < bars.Length; t++)
        {
            atr.Update(bars[t].High, bars[t].Low, bars[t].Close);
            Assert.Equal(t >= n, atr.IsReady);
            if (t < n)
            {
                continue;
            }

            double expected = Math.Pow(1 - a, t - n) * tr.Skip(1).Take(n).Average();
            for (int i = n + 1; i <= t; i++)
            {
                expected += a * Math.Pow(1 - a, t - i) * tr[i];
            }

            RealSeries.AssertClose(expected, atr.Value, 1e-9, $"ATR at {t}");
        }
    }
}
