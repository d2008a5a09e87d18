using Engine.Signals;

namespace Engine.Tests.Signals;

/// <summary>Expected values are CPython 3's own results for round(x, n) (printed by the interpreter).</summary>
public class PythonRoundingTests
{
    [Theory]
    [InlineData(2.675, 2, 2.67)]     // 2.675 is 2.67499999999999982236431605997495353221893310546875
    [InlineData(0.125, 2, 0.12)]     // exact tie: to even
    [InlineData(0.375, 2, 0.38)]     // exact tie: to even
    [InlineData(1.005, 2, 1.0)]
    [InlineData(0.0005, 3, 0.001)]   // 0.0005 is slightly above the tie
    [InlineData(0.6015, 3, 0.602)]
    [InlineData(0.285, 2, 0.28)]
    [InlineData(1.115, 2, 1.11)]
    [InlineData(41.2749, 2, 41.27)]
    [InlineData(88.1, 2, 88.1)]
    [InlineData(-1.8, 2, -1.8)]
    [InlineData(-2.675, 2, -2.67)]
    [InlineData(2.5, 0, 2.0)]
    [InlineData(-2.5, 0, -2.0)]
    [InlineData(3.5, 0, 4.0)]
    [InlineData(1e20, 2, 1e20)]
    [InlineData(5e-324, 2, 0.0)]
    public void Round_MatchesCPython(double x, int digits, double expected)
    {
        Assert.Equal(expected, PythonRounding.Round(x, digits));
        Assert.Equal(expected, NaiveDeltaScout.PyRound(x, digits));
    }

    [Fact]
    public void Round_SmallNegative_GivesNegativeZero()
    {
        double r = PythonRounding.Round(-0.004, 2); // CPython: -0.0
        Assert.Equal(0.0, r);
        Assert.True(double.IsNegative(r));
    }

    [Fact]
    public void Round_AgreesWithBigIntegerReference_OnManyValues()
    {
        var rng = new Random(5);
        for (int i = 0; i < 20_000; i++)
        {
            // values with few decimals hit ties and near-ties often
            double x = Math.Round((rng.NextDouble() - 0.5) * 2000, rng.Next(2, 6)) + (i % 7 == 0 ? 0.005 : 0);
            int digits = rng.Next(0, 4);
            Assert.Equal(NaiveDeltaScout.PyRound(x, digits), PythonRounding.Round(x, digits));
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Round_NonFinite_IsUnchanged(double x) => Assert.Equal(x, PythonRounding.Round(x, 2));
}
