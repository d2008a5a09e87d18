using Engine.Risk;

namespace Engine.Tests.Risk;

public class OrderRateLimiterTests
{
    [Fact]
    public void Bucket_StartsFull_AndRefillsOneTokenPerInterval()
    {
        var bucket = new OrderRateLimiter(burst: 3, refillMs: 1_000);
        for (int i = 0; i < 3; i++)
        {
            Assert.True(bucket.HasToken(10_000));
            bucket.Take();
        }

        Assert.False(bucket.HasToken(10_000));
        Assert.False(bucket.HasToken(10_999));
        Assert.True(bucket.HasToken(11_000));
        bucket.Take();
        Assert.False(bucket.HasToken(11_500));
    }

    [Fact]
    public void Bucket_NeverHoldsMoreThanTheBurst()
    {
        var bucket = new OrderRateLimiter(burst: 2, refillMs: 1_000);
        Assert.True(bucket.HasToken(0));
        int taken = 0;
        while (bucket.HasToken(1_000_000_000))
        {
            bucket.Take();
            taken++;
        }

        Assert.Equal(2, taken);
    }

    [Fact]
    public void Bucket_TimeGoingBackwards_EarnsNothing()
    {
        var bucket = new OrderRateLimiter(burst: 1, refillMs: 1_000);
        Assert.True(bucket.HasToken(5_000));
        bucket.Take();
        Assert.False(bucket.HasToken(1_000));
        Assert.False(bucket.HasToken(5_999)); // the earlier time did not move the clock back
        Assert.True(bucket.HasToken(6_000));
    }
}
