using System.Numerics;
using Engine.Market;

namespace Engine.Tests.Market;

public class NotionalSumTests
{
    [Fact]
    public void Sum_CarriesIntoHighWord_ExactlyAsBigInteger()
    {
        // Products near 2^126 overflow the low word on every add; BigInteger is the independent truth.
        var sum = default(NotionalSum);
        BigInteger expected = BigInteger.Zero;
        long[] prices = [long.MaxValue, 6_180_030_000_000, 1, 99_999_999_999];
        long[] quantities = [long.MaxValue - 7, 19_900_000, long.MaxValue / 3, 3];
        for (int i = 0; i < prices.Length; i++)
        {
            sum.Add(prices[i], quantities[i]);
            expected += (BigInteger)prices[i] * quantities[i];
        }

        Assert.Equal(expected, (BigInteger)sum.Value);
    }

    [Fact]
    public void Clear_StartsFromZero()
    {
        var sum = default(NotionalSum);
        sum.Add(long.MaxValue, long.MaxValue);
        sum.Clear();
        sum.Add(3, 4);
        Assert.Equal((Int128)12, sum.Value);
    }
}
