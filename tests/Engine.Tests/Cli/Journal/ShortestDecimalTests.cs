using System.Globalization;
using Engine.Cli.Journal;

namespace Engine.Tests.Cli.Journal;

/// <summary>
/// <see cref="ShortestDecimal"/> against the BCL's own shortest round-trip digits (<c>"R"</c>: the shortest decimal
/// that parses back, the closest of those), value by value, over every kind of double: random bit patterns, subnormals,
/// binade edges, powers of ten and two, integers, and prices as the journal prints them. The BCL is not always right:
/// for two powers of two (2^-25 and 2^-958) its text has one digit too few and does not read back as the value
/// (CPython's <c>repr</c> has the 17 digits); there the test asks that ours reads back.
/// </summary>
public class ShortestDecimalTests
{
    [Theory]
    [InlineData(1.0, 1UL, 0)]
    [InlineData(0.1, 1UL, -1)]
    [InlineData(61712.4, 617124UL, -1)]
    [InlineData(5e-324, 5UL, -324)] // the smallest subnormal: one bit
    [InlineData(1.7976931348623157e308, 17976931348623157UL, 292)]
    [InlineData(2.2250738585072014e-308, 22250738585072014UL, -324)] // the smallest normal
    [InlineData(9007199254740993.0, 9007199254740992UL, 0)] // 2^53 + 1 reads as 2^53
    [InlineData(1.0 / 3, 3333333333333333UL, -16)]
    [InlineData(2.9802322387695312e-08, 29802322387695312UL, -24)] // 2^-25: CPython's repr; the BCL's "R" drops the 2
    [InlineData(4.1045368012983762e-289, 41045368012983762UL, -305)] // 2^-958, likewise
    public void Decompose_HandWorkedValues(double value, ulong digits, int exponent)
    {
        ShortestDecimal.Decompose(value, out ulong d, out int e);
        Normalize(ref d, ref e);
        Assert.Equal((digits, exponent), (d, e));
    }

    [Fact]
    public void Decompose_RandomBitPatterns_AgreeWithTheBcl()
    {
        var rng = new Random(11);
        for (int i = 0; i < 400_000; i++)
        {
            AssertAgrees(BitConverter.Int64BitsToDouble(rng.NextInt64()));
        }
    }

    [Fact]
    public void Decompose_SubnormalsAndBinadeEdges_AgreeWithTheBcl()
    {
        var rng = new Random(12);
        for (int i = 0; i < 50_000; i++)
        {
            AssertAgrees(BitConverter.Int64BitsToDouble(rng.NextInt64(1, 1L << 52))); // subnormal
        }

        for (int biased = 1; biased < 2047; biased++)
        {
            long first = (long)biased << 52;
            AssertAgrees(BitConverter.Int64BitsToDouble(first)); // a power of two: the lower gap is half the upper
            AssertAgrees(BitConverter.Int64BitsToDouble(first + 1));
            AssertAgrees(BitConverter.Int64BitsToDouble(first - 1)); // the last value of the binade below
        }
    }

    [Fact]
    public void Decompose_PowersOfTenIntegersAndPrices_AgreeWithTheBcl()
    {
        for (int p = -323; p <= 308; p++)
        {
            double ten = double.Parse("1e" + p.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            AssertAgrees(ten);
            AssertAgrees(Math.BitIncrement(ten));
            AssertAgrees(Math.BitDecrement(ten));
        }

        var rng = new Random(13);
        for (int i = 0; i < 100_000; i++)
        {
            AssertAgrees(rng.NextInt64(1, 1L << 62)); // integers, exact below 2^53 and rounded above
            AssertAgrees(rng.Next(1, 10_000_000) / 10.0); // a price with one decimal
            AssertAgrees(rng.Next(1, 100_000_000) / 1e8); // a quantity in 10^-8
            AssertAgrees(60_000 + (rng.NextDouble() * 5_000)); // an indicator: 17 significant digits
        }
    }

    [Fact]
    public void Decompose_RefusesZeroNaNAndInfinity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDecimal.Decompose(0.0, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDecimal.Decompose(double.NaN, out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortestDecimal.Decompose(double.PositiveInfinity, out _, out _));
    }

    private static void AssertAgrees(double value)
    {
        if (!double.IsFinite(value) || value == 0)
        {
            return;
        }

        ShortestDecimal.Decompose(value, out ulong digits, out int exponent);
        Normalize(ref digits, ref exponent);
        (ulong bclDigits, int bclExponent) = FromBcl(value);
        string bcl = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        if (double.Parse(bcl, CultureInfo.InvariantCulture) != Math.Abs(value))
        {
            // The BCL's digits do not read back (see the summary): ours must, in at most 17 digits.
            string ours = digits.ToString(CultureInfo.InvariantCulture) + "e" + exponent.ToString(CultureInfo.InvariantCulture);
            Assert.Equal(Math.Abs(value), double.Parse(ours, CultureInfo.InvariantCulture));
            Assert.True(digits < 100_000_000_000_000_000UL, ours);
            return;
        }

        if (digits != bclDigits || exponent != bclExponent)
        {
            Assert.Fail($"{value:R} (0x{BitConverter.DoubleToInt64Bits(value):X16}): {digits}e{exponent}, the BCL {bclDigits}e{bclExponent}");
        }
    }

    private static void Normalize(ref ulong digits, ref int exponent)
    {
        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }
    }

    // "R" text of |value| → digits without leading or trailing zeros, and the power of ten of the last one.
    private static (ulong Digits, int Exponent) FromBcl(double value)
    {
        string text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = text.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? text : text[..e];
        int dot = mantissa.IndexOf('.');
        if (dot >= 0)
        {
            exponent -= mantissa.Length - dot - 1;
            mantissa = mantissa.Remove(dot, 1);
        }

        ulong digits = ulong.Parse(mantissa, CultureInfo.InvariantCulture);
        Normalize(ref digits, ref exponent);
        return (digits, exponent);
    }
}
