using System.Text;
using Engine.Model;

namespace Engine.Tests.Model;

public class FixedPointTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1", 100_000_000L)]
    [InlineData("61712.4", 6_171_240_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("0.001", 100_000L)]
    [InlineData("63834.50", 6_383_450_000_000L)]
    [InlineData("3415.72000000", 341_572_000_000L)]
    [InlineData(".5", 50_000_000L)]
    [InlineData("5.", 500_000_000L)]
    [InlineData("-2.25", -225_000_000L)]
    [InlineData("1.000000000000", 100_000_000L)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    public void TryParse_ValidText_GivesExactScaledInteger(string text, long expected)
    {
        Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out long scaled));
        Assert.Equal(expected, scaled);
        Assert.True(FixedPoint.TryParse(text.AsSpan(), out long fromChars));
        Assert.Equal(expected, fromChars);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("1e5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("NaN")]
    [InlineData("0.000000001")]
    [InlineData("92233720368.54775808")]
    [InlineData("100000000000")]
    [InlineData("999999999999999999999")]
    [InlineData("+1")]
    public void TryParse_MalformedOrOverflowingText_Fails(string text)
    {
        Assert.False(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(1L, "0.00000001")]
    [InlineData(6_171_240_000_000L, "61712.4")]
    [InlineData(-225_000_000L, "-2.25")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue + 1, "-92233720368.54775807")]
    public void ToString_GivesShortestExactText(long scaled, string expected)
    {
        Assert.Equal(expected, FixedPoint.ToString(scaled));
    }

    [Fact]
    public void ParseThenFormat_RoundTripsEveryRandomValue()
    {
        var rng = new Random(7);
        for (int i = 0; i < 10_000; i++)
        {
            long v = rng.NextInt64(-1_000_000_000_000_000, 1_000_000_000_000_000);
            string text = FixedPoint.ToString(v);
            Assert.True(FixedPoint.TryParse(Encoding.ASCII.GetBytes(text), out long back));
            Assert.Equal(v, back);
            Assert.Equal(decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture), (decimal)v / FixedPoint.Scale);
        }
    }

    [Fact]
    public void Price_ToDouble_IsTheNearestDoubleOfTheDecimal()
    {
        Assert.Equal(61712.4, Price.Parse("61712.4").ToDouble());
        Assert.Equal(0.001, Quantity.Parse("0.001").ToDouble());
    }
}
