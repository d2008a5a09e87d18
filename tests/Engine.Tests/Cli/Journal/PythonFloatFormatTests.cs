using Engine.Cli.Journal;

namespace Engine.Tests.Cli.Journal;

/// <summary>Expected texts are CPython 3's <c>json.dumps(x)</c> / <c>repr(x)</c>, printed by the interpreter.</summary>
public class PythonFloatFormatTests
{
    [Theory]
    [InlineData(88.0, "88.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-05, "1e-05")]
    [InlineData(1.5e-05, "1.5e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(123456789012345678.0, "1.2345678901234568e+17")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(61712.4, "61712.4")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(2.5e-07, "2.5e-07")]
    [InlineData(1e100, "1e+100")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(-41.27, "-41.27")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.601, "0.601")]
    [InlineData(12345.678, "12345.678")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Format_MatchesPythonRepr(double value, string expected) =>
        Assert.Equal(expected, PythonFloatFormat.Format(value));

    // Expected texts from CPython 3's repr(); around both edges of the fixed-notation range and the journal's usual values.
    [Theory]
    [InlineData(9.999e-05, "9.999e-05")]
    [InlineData(0.00012345, "0.00012345")]
    [InlineData(-0.00012345, "-0.00012345")]
    [InlineData(0.00010000000000000003, "0.00010000000000000003")]
    [InlineData(999999999999999.9, "999999999999999.9")]
    [InlineData(123456789012345.67, "123456789012345.67")]
    [InlineData(100000000000000.0, "100000000000000.0")]
    [InlineData(-100000000000000.0, "-100000000000000.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(7.0, "7.0")]
    [InlineData(-3.0, "-3.0")]
    [InlineData(61834.37568336126, "61834.37568336126")]
    [InlineData(0.004825957446808511, "0.004825957446808511")]
    [InlineData(99999.99999999999, "99999.99999999999")]
    [InlineData(2.9802322387695312e-08, "2.9802322387695312e-08")] // 2^-25, whose .NET "R" text does not read back
    public void Format_NearTheFixedNotationEdges_MatchesPythonRepr(double value, string expected) =>
        Assert.Equal(expected, PythonFloatFormat.Format(value));

    [Fact]
    public void Format_RoundTripsToTheSameDouble()
    {
        var rng = new Random(9);
        for (int i = 0; i < 20_000; i++)
        {
            double x = BitConverter.Int64BitsToDouble(rng.NextInt64());
            if (!double.IsFinite(x))
            {
                continue;
            }

            string s = PythonFloatFormat.Format(x);
            Assert.Equal(x, double.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
