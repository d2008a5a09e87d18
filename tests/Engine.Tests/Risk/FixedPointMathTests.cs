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
