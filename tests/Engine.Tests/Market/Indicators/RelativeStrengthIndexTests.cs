using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class RelativeStrengthIndexTests
{
    // StockCharts ChartSchool, "Relative Strength Index (RSI)", worked 14-period example after Wilder (1978), from its
    // spreadsheet cs-rsi.xls: the closes carry 4 decimals in the sheet (the page shows them rounded to 2), and the
    // published RSI column follows. Hand check of the first value: the 14 changes of the first 15 closes sum to
    // gains 3.3374 and losses 1.3943, so the averages are 0.238386 and 0.099593 (the sheet's 0.24 and 0.10),
    // RS = 2.393603 and RSI = 100 - 100 / 3.393603 = 70.53.
    private static readonly double[] StockChartsCloses =
    [
        44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328,
        45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515,
        45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
    ];

    private static readonly double[] StockChartsRsi =
    [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
        45.46, 37.30, 33.08, 37.77,
    ];

    [Fact]
    public void WildersWorkedExample_MatchesPublishedTable()
    {
        var rsi = new RelativeStrengthIndex(14);
        var values = new List<double>();
        for (int i = 0; i < StockChartsCloses.Length; i++)
        {
            rsi.Update(StockChartsCloses[i]);
            Assert.Equal(i >= 14, rsi.IsReady); // 14 changes need 15 closes
            if (rsi.IsReady)
            {
                values.Add(Math.Round(rsi.Value, 2));
            }
        }

        Assert.Equal(StockChartsRsi, values);
    }

    [Fact]
    public void TwoDecimalCloses_GiveExactRationalFirstValue()
    {
        // The same example rounded to cents: gains 3.34, losses 1.40 over 14 changes → RSI = 100·3.34/4.74.
        double[] closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28];
        var rsi = new RelativeStrengthIndex(14);
        foreach (double c in closes)
        {
            rsi.Update(c);
        }

        Assert.Equal(100 * 3.34 / 4.74, rsi.Value, 10);
        Assert.Equal(3.34 / 14, rsi.AverageGain, 12);
        Assert.Equal(1.40 / 14, rsi.AverageLoss, 12);
    }

    [Fact]
    public void FlatSeries_IsZero_RisingIsHundred_FallingIsZero()
    {
        var flat = new RelativeStrengthIndex(3);
        var rising = new RelativeStrengthIndex(3);
        var falling = new RelativeStrengthIndex(3);
        for (int i = 0; i < 10; i++)
        {
            flat.Update(5);
            rising.Update(i);
            falling.Update(-i);
        }

        Assert.Equal(0.0, flat.Value); // TA-Lib returns 0 when there is neither gain nor loss
        Assert.Equal(100.0, rising.Value);
        Assert.Equal(0.0, falling.Value);
    }

    [Fact]
    public void NonFiniteInput_IsRejected_AndDoesNotBecomeAChange()
    {
        var rsi = new RelativeStrengthIndex(2);
        rsi.Update(1);
        Assert.False(rsi.Update(double.NaN));
        rsi.Update(2);
        rsi.Update(3);
        Assert.Equal(100.0, rsi.Value);
        Assert.Equal(1, rsi.RejectedInputs);
    }

    [Fact]
    public void RealPrices_EqualClosedFormWilderAverages()
    {
        double[] prices = RealSeries.TradePrices();
        const int n = 14;
        const double a = 1.0 / n; // Wilder smoothing is an EMA with alpha 1/N seeded with the mean of N changes
        var rsi = new RelativeStrengthIndex(n);
        for (int t = 0; t < prices.Length; t++)
        {
            rsi.Update(prices[t]);
            if (t < n || t % 89 != 0)
            {
                continue;
            }

            double seedGain = 0, seedLoss = 0;
            for (int i = 1; i <= n; i++)
            {
                seedGain += Math.Max(prices[i] - prices[i - 1], 0);
                seedLoss += Math.Max(prices[i - 1] - prices[i], 0);
            }

            double g = Math.Pow(1 - a, t - n) * seedGain / n;
            double l = Math.Pow(1 - a, t - n) * seedLoss / n;
            for (int i = n + 1; i <= t; i++)
            {
                double w = a * Math.Pow(1 - a, t - i);
                g += w * Math.Max(prices[i] - prices[i - 1], 0);
                l += w * Math.Max(prices[i - 1] - prices[i], 0);
            }

            double expected = g + l == 0 ? 0 : 100 * g / (g + l);
            RealSeries.AssertClose(expected, rsi.Value, 1e-9, $"RSI at {t}");
        }
    }
}
