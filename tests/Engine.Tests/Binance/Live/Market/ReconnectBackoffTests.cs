using Engine.Binance.Live.Market;

namespace Engine.Tests.Binance.Live.Market;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void EachDelay_LiesBetweenHalfAndAllOfItsDoubledStep_AndTheCapHolds()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), seed: 1);
        double[] steps = [100, 200, 400, 800, 1600, 3000, 3000, 3000];
        for (int attempt = 0; attempt < steps.Length; attempt++)
        {
            for (int k = 0; k < 50; k++)
            {
                double ms = backoff.Delay(attempt).TotalMilliseconds;
                Assert.InRange(ms, steps[attempt] / 2, steps[attempt]);
            }
        }
    }

    [Fact]
    public void Delays_AreJittered_NotAllEqual()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(3), seed: 2);
        Assert.True(Enumerable.Range(0, 20).Select(_ => backoff.Delay(3)).Distinct().Count() > 10);
    }
}
