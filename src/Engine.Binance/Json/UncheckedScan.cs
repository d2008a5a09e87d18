using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Engine.Model;

namespace Engine.Binance.Json;

/// <summary>
/// The fast path's value readers: no per-byte bounds checks. Each takes the frame's first byte, its length and the
/// value's position, and returns the position just after the value, or -1 when the value is not in the fast path's
/// strict form. Contract: the frame ends with a '}' at or after the value's last byte, which stops every digit loop;
/// fixed-width reads check the length first. Positions go in and out by value so the caller's stay in registers.
/// </summary>
internal static class UncheckedScan
{
    private const uint TrueText = 0x65757274; // true
    private const uint FalsText = 0x736C6166; // fals
    private const uint DotDigit = unchecked((uint)('.' - '0'));   // what a digit loop's d holds when it stopped on '.'
    private const uint QuoteDigit = unchecked((uint)('"' - '0'));

    private static readonly ulong[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>An unsigned integer of 1-18 digits, eight characters at a time while 16 bytes are left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadId(ref byte b, int n, int pos, out long value)
    {
        if (n - pos >= 16)
        {
            ulong w0 = Read64(ref b, pos);
            int d0 = SwarDigits.LeadingDigits(w0);
            if (d0 < 8)
            {
                value = (long)SwarDigits.Parse(w0, d0);
                return d0 != 0 ? pos + d0 : -1;
            }

            ulong w1 = Read64(ref b, pos + 8);
            int d1 = SwarDigits.LeadingDigits(w1);
            if (d1 < 8)
            {
                value = (long)((SwarDigits.Parse(w0, 8) * Pow10(d1)) + SwarDigits.Parse(w1, d1));
                return pos + 8 + d1;
            }
        }

        int next = ReadIdByDigit(ref b, pos, out long slow); // 'slow' keeps 'value' out of memory in the caller
        value = slow;
        return next;
    }

    /// <summary>
    /// A quoted "digits[.digits]" with 1-10 integer and 1-8 fraction digits, not zero, as an integer scaled by 10^8.
    /// The common shapes (under 8 integer digits) go eight characters at a time while 17 bytes are left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadDecimal(ref byte b, int n, int pos, out long scaled)
    {
        int start = pos + 1;
        if (n - start >= 17 && At(ref b, pos) == (byte)'"')
        {
            ulong w0 = Read64(ref b, start);
            int d0 = SwarDigits.LeadingDigits(w0);
            byte after = At(ref b, start + d0);
            ulong integer = SwarDigits.Parse(w0, d0);
            if (d0 is > 0 and < 8 && after == (byte)'.')
            {
                int fracStart = start + d0 + 1;
                ulong w1 = Read64(ref b, fracStart);
                int f = SwarDigits.LeadingDigits(w1);
                ulong v = (integer * FixedPoint.Scale) + (SwarDigits.Parse(w1, f) * Pow10(FixedPoint.Decimals - f));
                if (f > 0 && At(ref b, fracStart + f) == (byte)'"' && v != 0)
                {
                    scaled = (long)v;
                    return fracStart + f + 1;
                }
            }
            else if (d0 is > 0 and < 8 && after == (byte)'"' && integer != 0)
            {
                scaled = (long)(integer * FixedPoint.Scale);
                return start + d0 + 1;
            }
        }

        int next = ReadDecimalByDigit(ref b, pos, out long slow);
        scaled = slow;
        return next;
    }

    /// <summary><c>true</c> or <c>false</c> as 1 or 0, ending at or before <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ReadBool(ref byte b, int end, int pos, out long value)
    {
        uint word = end - pos >= 4 ? Read32(ref b, pos) : 0;
        value = word == TrueText ? 1 : 0;
        if (value != 0)
        {
            return pos + 4;
        }

        return word == FalsText && At(ref b, pos + 4) == (byte)'e' ? pos + 5 : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ref byte b, int offset) => Unsafe.Add(ref b, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read64(ref byte b, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read32(ref byte b, int offset) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Read16(ref byte b, int offset) => Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadIdByDigit(ref byte b, int pos, out long value)
    {
        int p = pos;
        ulong v = 0;
        uint d = (uint)(At(ref b, p) - '0');
        while (d <= 9)
        {
            v = (v * 10) + d;
            d = (uint)(At(ref b, ++p) - '0');
        }

        value = (long)v;
        return (uint)(p - pos - 1) < 18 ? p : -1;
    }

    // One pass: the digits accumulate as one integer (at most 18 digits, so no overflow), then scaled by the missing decimals.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadDecimalByDigit(ref byte b, int pos, out long scaled)
    {
        scaled = 0;
        if (At(ref b, pos) != (byte)'"')
        {
            return -1;
        }

        int start = pos + 1;
        int p = start;
        ulong v = 0;
        uint d = (uint)(At(ref b, p) - '0');
        while (d <= 9)
        {
            v = (v * 10) + d;
            d = (uint)(At(ref b, ++p) - '0');
        }

        int intDigits = p - start;
        int fracDigits = 0;
        if (d == DotDigit)
        {
            int fracStart = ++p;
            d = (uint)(At(ref b, p) - '0');
            while (d <= 9)
            {
                v = (v * 10) + d;
                d = (uint)(At(ref b, ++p) - '0');
            }

            fracDigits = p - fracStart;
            if ((uint)(fracDigits - 1) >= FixedPoint.Decimals)
            {
                return -1;
            }
        }

        if (d != QuoteDigit || (uint)(intDigits - 1) >= 10 || v == 0)
        {
            return -1;
        }

        scaled = (long)(v * Pow10(FixedPoint.Decimals - fracDigits));
        return p + 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pow10(int exponent) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Powers), exponent);

}
