using System.Runtime.CompilerServices;

namespace Engine.Signals;

/// <summary>
/// Python's <c>round(x, n)</c> on floats: round the EXACT binary value of <c>x</c> half-to-even to <c>n</c> decimals,
/// then take the double nearest to that decimal (CPython does dtoa mode 3 then strtod). So round(2.675, 2) == 2.67
/// (2.675 is really 2.67499999...), round(0.125, 2) == 0.12 and round(0.375, 2) == 0.38 (exact ties go to even),
/// and a small negative value rounds to -0.0. Exact for |x|·10^n below 2^53; beyond that x is returned unchanged.
/// </summary>
public static class PythonRounding
{
    private const int MaxDigits = 8;

    /// <summary><c>round(x, digits)</c> for 0 &lt;= digits &lt;= 8; NaN and infinities come back unchanged.</summary>
    public static double Round(double x, int digits)
    {
        if ((uint)digits > MaxDigits)
        {
            ThrowDigits();
        }

        if (!double.IsFinite(x) || x == 0)
        {
            return x;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        bool negative = bits < 0;
        int biased = (int)((bits >> 52) & 0x7FF);
        ulong mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        int exponent;
        if (biased == 0)
        {
            exponent = -1074;
        }
        else
        {
            mantissa |= 1UL << 52;
            exponent = biased - 1075;
        }

        if (exponent >= 0)
        {
            return x; // already an integer
        }

        // x * 10^digits = mantissa * 10^digits / 2^shift, exactly: mantissa < 2^53 and 10^8 < 2^27, so it fits 80 bits.
        UInt128 scaled = (UInt128)mantissa * Pow10[digits];
        int shift = -exponent;
        UInt128 quotient;
        if (shift >= 128)
        {
            quotient = 0; // the remainder is below half of 2^shift: rounds to zero
        }
        else
        {
            quotient = scaled >> shift;
            UInt128 remainder = scaled - (quotient << shift);
            UInt128 half = UInt128.One << (shift - 1);
            if (remainder > half || (remainder == half && (quotient & 1) == 1))
            {
                quotient++;
            }
        }

        if (quotient >= (UInt128)(1UL << 53))
        {
            return x;
        }

        // q and 10^n are exact doubles, so one IEEE division gives the double nearest to q / 10^n, as strtod does.
        double magnitude = (double)(ulong)quotient / Pow10[digits];
        return negative ? -magnitude : magnitude;
    }

    /// <summary>Python's <c>round(x)</c> to an integer: half-to-even on the exact value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long RoundToInteger(double x) => (long)Math.Round(x, MidpointRounding.ToEven);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDigits() => throw new ArgumentOutOfRangeException("digits", "0 to 8 decimals");

    private static readonly ulong[] Pow10 =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL,
    ];
}
