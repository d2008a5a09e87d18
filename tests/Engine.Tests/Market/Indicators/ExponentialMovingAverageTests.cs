using Engine.Market.Indicators;

namespace Engine.Tests.Market.Indicators;

public class ExponentialMovingAverageTests
{
    [Fact]
    public void SmaSeeding_FollowsTaLib_FirstValueIsMeanOfFirstPeriod()
    {
        // period 3 → alpha 0.5; seed (1+2+3)/3 = 2; then 2+0.5(2-2)=2, 2+0.5(4-2)=3, 3+0.5(5-3)=4.
        var ema = new ExponentialMovingAverage(3, EmaSeeding.SmaOfFirstPeriod);
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
    public void FirstValueSeeding_FollowsDeltaScout_ReadyAtOnce()
    {
        // alpha 0.5: 1, 1+0.5(2-1)=1.5, 1.5+0.5(3-1.5)=2.25, 2.25+0.5(4-2.25)=3.125.
        var ema = new ExponentialMovingAverage(3, EmaSeeding.FirstValue);
        double[] expected = [1, 1.5, 2.25, 3.125];
        for (int i = 0; i < expected.Length; i++)
        {
            ema.Update(i + 1);
            Assert.True(ema.IsReady);
            Assert.Equal(expected[i], ema.Value);
        }
    }

    [Fact]
    public void DeltaScoutSpan50_HasAlphaTwoOverFiftyOne()
    {
        var ema = new ExponentialMovingAverage(50, EmaSeeding.FirstValue);
        Assert.Equal(2.0 / 51.0, ema.Alpha);
        ema.Update(100);
        ema.Update(151);
        Assert.Equal(102.0, ema.Value, 12); // 100 + (2/51)·51
    }

    [Fact]
    public void NonFiniteInput_IsRejected()
    {
        var ema = new ExponentialMovingAverage(3, EmaSeeding.FirstValue);
        ema.Update(5);
        Assert.False(ema.Update(double.NaN));
        Assert.Equal(1, ema.RejectedInputs);
        Assert.Equal(5.0, ema.Value);
    }

    [Theory]
    [InlineData(EmaSeeding.SmaOfFirstPeriod)]
    [InlineData(EmaSeeding.FirstValue)]
    public void RealPrices_EqualClosedFormWeightedSum(EmaSeeding seeding)
    {
        double[] prices = RealSeries.TradePrices();
        const int n = 30;
        double alpha = 2.0 / (n + 1);
        int seedIndex = seeding == EmaSeeding.FirstValue ? 0 : n - 1;
        var ema = new ExponentialMovingAverage(n, seeding);
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
