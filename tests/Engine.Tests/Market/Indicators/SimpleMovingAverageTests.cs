using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class SimpleMovingAverageTests
{
    [Fact]
    public void Values_MatchHandComputation_AfterWarmUp()
    {
        var sma = new SimpleMovingAverage(3);
        double[] input = [2, 4, 6, 8, 13];
        double[] expected = [double.NaN, double.NaN, 4, 6, 9]; // (2+4+6)/3, (4+6+8)/3, (6+8+13)/3
        for (int i = 0; i < input.Length; i++)
        {
            sma.Update(input[i]);
            Assert.Equal(i >= 2, sma.IsReady);
            Assert.Equal(expected[i], sma.Value);
        }
    }

    [Fact]
    public void NonFiniteInput_IsRejectedAndCounted_WithoutChangingTheAverage()
    {
        var sma = new SimpleMovingAverage(2);
        sma.Update(1);
        sma.Update(3);
        Assert.False(sma.Update(double.NaN));
        Assert.False(sma.Update(double.PositiveInfinity));
        Assert.Equal(2, sma.RejectedInputs);
        Assert.Equal(2.0, sma.Value);
    }

    [Fact]
    public void RealPrices_EqualNaiveWindowSum()
    {
        double[] prices = RealSeries.TradePrices();
        const int n = 50;
        var sma = new SimpleMovingAverage(n);
        for (int t = 0; t < prices.Length; t++)
        {
            sma.Update(prices[t]);
            if (t < n - 1)
            {
                Assert.False(sma.IsReady);
                continue;
            }

            decimal sum = 0;
            for (int i = t - n + 1; i <= t; i++)
            {
                sum += (decimal)prices[i];
            }

            RealSeries.AssertClose((double)(sum / n), sma.Value, 1e-9, $"SMA at {t}");
        }
    }
}
