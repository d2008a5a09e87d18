using System.Numerics;
using Engine.Risk;

namespace Engine.Tests.Risk;

public class FixedPointMathTests
{
    [Theory]
    [InlineData(10_000_000_000L, 100_000_000L, 100_000_000_000L)]       // 100 / 1,000 → 0.1
    [InlineData(9_223_372_036_854_775_807L, 100_000_000L, 3L)]           // wide product, saturates
    [InlineData(9_223_372_036_854_775_807L, 3L, 4L)]                     // wide product, fits after dividing
    [InlineData(123_456_789_012_345L, 987_654_321L, 100_000_000L)]
    [InlineData(7L, 3L, 2L)]
    public void MulDivFloor_MatchesBigIntegerFloor(long a, long b, long c)
    {
        BigInteger exact = (new BigInteger(a) * b) / c;
        long expected = exact > long.MaxValue ? long.MaxValue : (long)exact;
        Assert.Equal(expected, FixedPointMath.MulDivFloor(a, b, c));
    }

    [Theory]
    [InlineData(0L, 5L, 1L)]
    [InlineData(-5L, 5L, 1L)]
    [InlineData(5L, -5L, 1L)]
    public void MulDivFloor_NonPositiveFactor_IsZero(long a, long b, long c) =>
        Assert.Equal(0, FixedPointMath.MulDivFloor(a, b, c));

    [Theory]
    [InlineData(500L, 10_000L, 5_000_000L, true)]   // 500 is exactly 5% of 10,000
    [InlineData(499L, 10_000L, 5_000_000L, false)]
    [InlineData(501L, 10_000L, 5_000_000L, true)]
    public void AtLeastFraction_IsExactAtTheBoundary(long part, long whole, long fractionE8, bool expected) =>
        Assert.Equal(expected, FixedPointMath.AtLeastFraction(part, whole, fractionE8));
}

public class FixedPointMathNotionalTests
{
    // price × quantity / 10^8, rounded half-to-even, recomputed with BigInteger
    private static long Naive(long price, long quantity)
    {
        BigInteger product = new BigInteger(price) * quantity;
        BigInteger quotient = BigInteger.DivRem(product, 100_000_000, out BigInteger remainder);
        BigInteger twice = remainder * 2;
        if (twice > 100_000_000 || (twice == 100_000_000 && !quotient.IsEven))
        {
            quotient += 1;
        }

        return (long)quotient;
    }

    [Theory]
    [InlineData(6_000_000_000_000L, 10_000_000L)]          // 60,000 × 0.1 = 6,000
    [InlineData(6_006_050_000_000L, 16_600_000L)]          // 60,060.5 × 0.166
    [InlineData(1L, 50_000_000L)]                          // 0.00000001 × 0.5 = half a unit: to even (0)
    [InlineData(3L, 50_000_000L)]                          // 1.5 units: to even (2)
    [InlineData(123_456_789L, 987_654_321L)]
    [InlineData(4_000_000_000_000_000L, 100_000_000L)]     // beyond the fast path: falls back
    public void Notional_MatchesANaiveRecomputation(long price, long quantity) =>
        Assert.Equal(Naive(price, quantity), FixedPointMath.Notional(new Engine.Model.Price(price), new Engine.Model.Quantity(quantity)).E8);

    [Fact]
    public void Notional_RandomRealisticOrders_MatchANaiveRecomputation()
    {
        var random = new Random(7);
        for (int i = 0; i < 20_000; i++)
        {
            long price = random.NextInt64(1, 20_000_000_000_000);   // up to 200,000
            long quantity = random.NextInt64(1, 1_000_000_000_000); // up to 10,000
            Assert.Equal(Naive(price, quantity), FixedPointMath.Notional(new Engine.Model.Price(price), new Engine.Model.Quantity(quantity)).E8);
        }
    }
}
