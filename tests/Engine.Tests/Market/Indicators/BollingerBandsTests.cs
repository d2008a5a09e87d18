using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class BollingerBandsTests
{
    [Fact]
    public void Bands_MatchHandComputation_WithPopulationSigma()
    {
        // Window 2,4,4,4,5,5,7,9: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32, population variance 32/8 = 4, σ = 2.
        var bb = new BollingerBands(8, 2.0);
        foreach (double x in new double[] { 2, 4, 4, 4, 5, 5, 7, 9 })
        {
            Assert.False(bb.IsReady);
            bb.Update(x);
        }

        Assert.True(bb.IsReady);
        Assert.Equal(5.0, bb.Middle, 14);
        Assert.Equal(2.0, bb.StandardDeviation, 14);
        Assert.Equal(9.0, bb.Upper, 14);
        Assert.Equal(1.0, bb.Lower, 14);

        // Slide: drop 2, add 11 → 4,4,4,5,5,7,9,11: mean 49/8 = 6.125; Σ(x-m)² = 3·4.515625 + 2·1.265625 + 0.765625
        // + 8.265625 + 23.765625 = 48.875; σ = √(48.875/8) = 2.4717...
        bb.Update(11);
        Assert.Equal(6.125, bb.Middle, 14);
        Assert.Equal(Math.Sqrt(48.875 / 8), bb.StandardDeviation, 12);
        Assert.Equal(6.125 + (2 * Math.Sqrt(48.875 / 8)), bb.Upper, 12);
    }

    [Fact]
    public void ConstantSeries_HasZeroWidth_NeverNaN()
    {
        var bb = new BollingerBands(5);
        for (int i = 0; i < 100; i++)
        {
            bb.Update(61_234.56);
        }

        Assert.Equal(0.0, bb.StandardDeviation);
        Assert.Equal(61_234.56, bb.Upper, 9);
    }

    [Fact]
    public void LargeOffsetSmallMoves_StayAccurate_WhereSumOfSquaresWouldCancel()
    {
        // Prices near 10^9 moving by cents: Σx² - (Σx)²/N loses every significant digit here.
        const double offset = 1e9;
        var bb = new BollingerBands(20);
        var values = new double[100_000];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = offset + (((i * 7919) % 13) * 0.01);
            bb.Update(values[i]);
        }

        double[] window = values[^20..];
        double mean = window.Select(x => x - offset).Average();
        double sigma = Math.Sqrt(window.Select(x => x - offset - mean).Select(d => d * d).Average());
        Assert.Equal(sigma, bb.StandardDeviation, 6);
    }

    [Fact]
    public void RealPrices_EqualNaiveTwoPassWindow()
    {
        double[] prices = RealSeries.TradePrices();
        const int n = 20;
        var bb = new BollingerBands(n, 2.0);
        for (int t = 0; t < prices.Length; t++)
        {
            bb.Update(prices[t]);
            if (t < n - 1)
            {
                continue;
            }

            double mean = 0;
            for (int i = t - n + 1; i <= t; i++)
            {
                mean += prices[i];
            }

            mean /= n;
            double m2 = 0;
            for (int i = t - n + 1; i <= t; i++)
            {
                m2 += (prices[i] - mean) * (prices[i] - mean);
            }

            double sigma = Math.Sqrt(m2 / n);
            RealSeries.AssertClose(mean, bb.Middle, 1e-9, $"middle at {t}");
            RealSeries.AssertClose(mean + (2 * sigma), bb.Upper, 1e-9, $"upper at {t}");
            RealSeries.AssertClose(mean - (2 * sigma), bb.Lower, 1e-9, $"lower at {t}");

            // σ itself, against the price scale (σ may be 0 while the window is flat).
            Assert.True(Math.Abs(sigma - bb.StandardDeviation) <= 1e-9 * mean, $"sigma at {t}: {sigma} vs {bb.StandardDeviation}");
        }
    }
}
