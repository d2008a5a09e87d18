using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class ExponentialMovingAverageTests
{
    [Fact]
    public void SmaSeeding_FollowsTaLib_FirstValueIsMeanOfFirstPeriod()
    {
        // period 3 → alpha 0.5; seed (1+2+3)/3 = 2; then 2+0.5(2-2)=2, 2+0.5(4-2)=3, 3+0.5(5-3)=4.
        var ema = new ExponentialMovingAverage(3);
        double[] input = [1, 2, 3, 2, 4, 5];
        double[] expected = [double.NaN, double.NaN, 2, 2, 3, 4];
        for (int i = 0; i < input.Length; i++)
        {
            ema.Update(input[i]);
            Assert.Equal(i >= 2, ema.IsReady);
            Assert.Equal(expected[i], ema.Value);
        }
    }

    [Fact]
    public void Span50_HasAlphaTwoOverFiftyOne() => Assert.Equal(2.0 / 51.0, new ExponentialMovingAverage(50).Alpha);

    [Fact]
    public void NonFiniteInput_IsRejected()
    {
        var ema = new ExponentialMovingAverage(1);
        ema.Update(5);
        Assert.False(ema.Update(double.NaN));
        Assert.Equal(1, ema.RejectedInputs);
        Assert.Equal(5.0, ema.Value);
    }

    [Fact]
    public void RealPrices_EqualClosedFormWeightedSum()
    {
        double[] prices = RealSeries.TradePrices();
        const int n = 30;
        double alpha = 2.0 / (n + 1);
        const int seedIndex = n - 1;
        var ema = new ExponentialMovingAverage(n);
        for (int t = 0; t < prices.Length; t++)
        {
            ema.Update(prices[t]);
            if (t % 97 != 0 || t < seedIndex)
            {
                continue;
            }

            // ema_t = (1-α)^(t-s)·seed + Σ_{i=s+1..t} α(1-α)^(t-i)·x_i, with seed = mean of x_0..x_s.
            double seed = prices.Take(seedIndex + 1).Average();
            double expected = Math.Pow(1 - alpha, t - seedIndex) * seed;
            for (int i = seedIndex + 1; i <= t; i++)
            {
                expected += alpha * Math.Pow(1 - alpha, t - i) * prices[i];
            }

            RealSeries.AssertClose(expected, ema.Value, 1e-9, $"EMA at {t}");
        }
    }
}
