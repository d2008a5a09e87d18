using System.Numerics;

namespace Engine.Cli.Journal;

/// <summary>
/// The shortest decimal that reads back as a given double, and of those the closest to it (what CPython's <c>repr</c>
/// prints), found with Ulf Adams' Ryū method (PLDI 2018, "Ryū: fast float-to-string conversion"): the bounds of the
/// interval of decimals that round to the double are scaled by a 125-bit power of five (or its inverse) in 128-bit
/// arithmetic, and digits are dropped while the bounds still differ. No allocation, no culture, 0.6 of the time of the
/// BCL's <c>"R"</c> (<c>FloatFormatBenchmarks</c>), which matters because <c>bars.csv</c> prints eight doubles a bar on
/// the feed's core; and right where <c>"R"</c> is not (2^-25 and 2^-958: its text does not read back). The tables are
/// computed once, at type load, with <see cref="BigInteger"/>.
/// </summary>
public static class ShortestDecimal
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int PowerBits = 125;
    private const int InverseCount = 342; // q = floor(log10(2^e2)) for every e2 >= 0 a double can have
    private const int PowerCount = 326; // i = -e2 - q for every e2 < 0

    // Each power of five (and each inverse) as a 125-bit number in two words: low, high.
    private static readonly ulong[] Inverse = BuildInverse();
    private static readonly ulong[] Power = BuildPower();

    /// <summary>
    /// The digits of a finite, non-zero |<paramref name="value"/>| as an integer and a power of ten:
    /// |value| reads back from <paramref name="digits"/> × 10^<paramref name="exponent"/>. <paramref name="digits"/>
    /// may end in zeros (a rounding up: 9.99… → 10).
    /// </summary>
    public static void Decompose(double value, out ulong digits, out int exponent)
    {
        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        ulong fraction = bits & ((1UL << MantissaBits) - 1);
        int biased = (int)((bits >> MantissaBits) & 0x7FF);
        if (biased == 0x7FF || (biased == 0 && fraction == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "finite and non-zero");
        }

        // value = m2 × 2^e2, the two extra bits leave room for the half-way bounds below.
        int e2;
        ulong m2;
        if (biased == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = fraction;
        }
        else
        {
            e2 = biased - ExponentBias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | fraction;
        }

        // Round half to even on reading: an even mantissa owns the end points of its interval.
        bool acceptBounds = (m2 & 1) == 0;
        ulong mv = 4 * m2;
        // The lower neighbour is closer by half when the mantissa is a power of two (a binade's first value).
        uint mmShift = fraction != 0 || biased <= 1 ? 1u : 0u;

        // The interval (mm, mp) around mv, scaled to a power of ten: vm, vr, vp.
        ulong vr, vp, vm;
        int e10;
        bool vmTrailingZeros = false;
        bool vrTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = PowerBits + Pow5Bits(q) - 1;
            int shift = -e2 + q + k;
            vr = MulShift(mv, Inverse, q, shift);
            vp = MulShift(mv + 2, Inverse, q, shift);
            vm = MulShift(mv - 1 - mmShift, Inverse, q, shift);
            if (q <= 21)
            {
                // Dividing by 5^q was exact only when the number is a multiple of 5^q; at most one of the three is.
                if (mv % 5 == 0)
                {
                    vrTrailingZeros = MultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else if (MultipleOfPowerOf5(mv + 2, q))
                {
                    vp--; // the upper bound itself is excluded
                }
            }
        }
        else
        {
            int q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5Bits(i) - PowerBits;
            int shift = q - k;
            vr = MulShift(mv, Power, i, shift);
            vp = MulShift(mv + 2, Power, i, shift);
            vm = MulShift(mv - 1 - mmShift, Power, i, shift);
            if (q <= 1)
            {
                // mv = 4 m2 has at least two trailing zero bits, so its product is exact.
                vrTrailingZeros = true;
                if (acceptBounds)
                {
                    vmTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 63)
            {
                vrTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        // Drop digits while the bounds still differ; the last one dropped decides the rounding of what is left.
        int removed = 0;
        ulong output;
        if (vmTrailingZeros || vrTrailingZeros)
        {
            // The rare exact cases: the bound may itself be a candidate, and a dropped 5 with only zeros after it ties.
            uint lastRemoved = 0;
            while (vp / 10 > vm / 10)
            {
                vmTrailingZeros &= vm % 10 == 0;
                vrTrailingZeros &= lastRemoved == 0;
                lastRemoved = (uint)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vmTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrTrailingZeros &= lastRemoved == 0;
                    lastRemoved = (uint)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }

            if (vrTrailingZeros && lastRemoved == 5 && vr % 2 == 0)
            {
                lastRemoved = 4; // exactly half way: to even
            }

            bool up = (vr == vm && (!acceptBounds || !vmTrailingZeros)) || lastRemoved >= 5;
            output = vr + (up ? 1UL : 0UL);
        }
        else
        {
            bool roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }

            while (vp / 10 > vm / 10)
            {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }

        digits = output;
        exponent = e10 + removed;
    }

    // ((m × table[index]) >> shift), the table entry being 125 bits in two words; shift is above 64.
    private static ulong MulShift(ulong m, ulong[] table, int index, int shift)
    {
        ulong lowHigh = Math.BigMul(m, table[2 * index], out _);
        ulong highHigh = Math.BigMul(m, table[(2 * index) + 1], out ulong highLow);
        ulong sumLow = highLow + lowHigh;
        ulong sumHigh = highHigh + (sumLow < lowHigh ? 1UL : 0UL);
        int distance = shift - 64;
        return (sumHigh << (64 - distance)) | (sumLow >> distance);
    }

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        int count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }

        return count >= p;
    }

    // Bit length of 5^e (for 0 <= e <= 3528).
    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    // floor(log10(2^e)) and floor(log10(5^e)) (for 0 <= e <= 1650 and 2620).
    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    // floor(2^(bitlength(5^i) - 1 + 125) / 5^i) + 1: the inverse, rounded up, so products never fall short.
    private static ulong[] BuildInverse()
    {
        var table = new ulong[2 * InverseCount];
        BigInteger five = BigInteger.One;
        for (int i = 0; i < InverseCount; i++)
        {
            int length = (int)five.GetBitLength();
            BigInteger inverse = (BigInteger.One << (length - 1 + PowerBits)) / five + BigInteger.One;
            Split(inverse, table, i);
            five *= 5;
        }

        return table;
    }

    // 5^i scaled to exactly 125 bits (its top 125 bits, or shifted left when shorter).
    private static ulong[] BuildPower()
    {
        var table = new ulong[2 * PowerCount];
        BigInteger five = BigInteger.One;
        for (int i = 0; i < PowerCount; i++)
        {
            int length = (int)five.GetBitLength();
            BigInteger scaled = length >= PowerBits ? five >> (length - PowerBits) : five << (PowerBits - length);
            Split(scaled, table, i);
            five *= 5;
        }

        return table;
    }

    private static void Split(BigInteger value, ulong[] table, int index)
    {
        BigInteger mask = (BigInteger.One << 64) - 1;
        table[2 * index] = (ulong)(value & mask);
        table[(2 * index) + 1] = (ulong)(value >> 64);
    }
}
