using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Engine.Model;

namespace Engine.Binance.Json;

/// <summary>
/// The fast path's scans and value readers, without per-byte bounds checks. The readers take a value whose bounds are
/// already known, [pos, stop), and say whether it has exactly the fast path's strict form. Contract: stop is inside
/// the frame of length n; whole-word reads that may run past stop check n first, and fall back to a byte loop near
/// the end; the 32-byte scans need 32 bytes from their offset.
/// </summary>
internal static class UncheckedScan
{
    private const uint TrueText = 0x65757274; // true
    private const uint FalsText = 0x736C6166; // fals

    private static readonly ulong[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    /// <summary>An unsigned integer of 1-18 digits filling [pos, stop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ParseId(ref byte b, int n, int pos, int stop, out long value)
    {
        int length = stop - pos;
        if (SimdDigits.IsSupported && n - pos >= 16 && (uint)(length - 1) < 16)
        {
            bool ok = SimdDigits.TryParseInteger(Vector128.LoadUnsafe(ref b, (nuint)pos), length, out ulong v);
            value = (long)v;
            return ok;
        }

        value = ParseIdByDigit(ref b, pos, stop); // by return, not 'out': an out would pin 'value' to memory in the caller
        return value >= 0;
    }

    /// <summary>
    /// A quoted "digits[.digits]" filling [pos, stop), with 1-10 integer and 1-8 fraction digits, not zero, as an
    /// integer scaled by 10^8. Up to 8 integer and 8 fraction digits, 16 characters in all, take one 16-byte read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ParseDecimal(ref byte b, int n, int pos, int stop, out long scaled)
    {
        int start = pos + 1;
        int length = stop - start - 1; // between the quotes
        if (SimdDigits.IsSupported && n - start >= 16 && At(ref b, pos) == (byte)'"' && At(ref b, stop - 1) == (byte)'"')
        {
            Vector128<byte> text = Vector128.LoadUnsafe(ref b, (nuint)start);
            int dot = BitOperations.TrailingZeroCount(Vector128.Equals(text, Vector128.Create((byte)'.')).ExtractMostSignificantBits());
            int integerDigits = Math.Min(dot, length);
            int fractionDigits = length - integerDigits - 1; // -1 without a dot; 0 for "1.", left to the byte loop
            if (length <= 16 && (uint)(integerDigits - 1) < SimdDigits.MaxHalf && (fractionDigits < 0 || (uint)(fractionDigits - 1) < SimdDigits.MaxHalf))
            {
                bool ok = SimdDigits.TryParseDecimal(text, integerDigits, Math.Max(fractionDigits, 0), out ulong v);
                scaled = (long)v;
                return ok && v != 0;
            }
        }

        scaled = ParseDecimalByDigit(ref b, pos, stop);
        return scaled > 0;
    }

    /// <summary><c>true</c> or <c>false</c> filling [pos, stop), as 1 or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ParseBool(ref byte b, int pos, int stop, out long value)
    {
        int length = stop - pos;
        uint word = length >= 4 ? Read32(ref b, pos) : 0;
        value = word == TrueText ? 1 : 0;
        return (length == 4 && word == TrueText) || (length == 5 && word == FalsText && At(ref b, pos + 4) == (byte)'e');
    }

    // The index of the first quote or backslash among the 32 bytes from offset, or 32.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int FirstQuoteOrBackslash(ref byte b, int offset)
    {
        uint stops;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<byte> text = Vector256.LoadUnsafe(ref b, (nuint)offset);
            stops = (Vector256.Equals(text, Vector256.Create((byte)'"')) | Vector256.Equals(text, Vector256.Create((byte)'\\'))).ExtractMostSignificantBits();
        }
        else
        {
            Vector128<byte> low = Vector128.LoadUnsafe(ref b, (nuint)offset);
            Vector128<byte> high = Vector128.LoadUnsafe(ref b, (nuint)(offset + 16));
            Vector128<byte> quote = Vector128.Create((byte)'"');
            Vector128<byte> backslash = Vector128.Create((byte)'\\');
            stops = (Vector128.Equals(low, quote) | Vector128.Equals(low, backslash)).ExtractMostSignificantBits()
                | ((Vector128.Equals(high, quote) | Vector128.Equals(high, backslash)).ExtractMostSignificantBits() << 16);
        }

        return BitOperations.TrailingZeroCount(stops);
    }

    // The commas among the 32 bytes from chunk (bit i for chunk + i), none at or past end; end is at least 32.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint CommaMask(ref byte b, int chunk, int end)
    {
        if (end - chunk >= 32)
        {
            return CommaMask32(ref b, chunk);
        }

        // Near the end: the 32 bytes that end just before 'end', shifted so bit 0 is chunk again.
        return CommaMask32(ref b, end - 32) >> (chunk - (end - 32));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint CommaMask32(ref byte b, int offset)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            return Vector256.Equals(Vector256.LoadUnsafe(ref b, (nuint)offset), Vector256.Create((byte)',')).ExtractMostSignificantBits();
        }

        Vector128<byte> comma = Vector128.Create((byte)',');
        uint low = Vector128.Equals(Vector128.LoadUnsafe(ref b, (nuint)offset), comma).ExtractMostSignificantBits();
        uint high = Vector128.Equals(Vector128.LoadUnsafe(ref b, (nuint)(offset + 16)), comma).ExtractMostSignificantBits();
        return low | (high << 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte At(ref byte b, int offset) => Unsafe.Add(ref b, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read64(ref byte b, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read32(ref byte b, int offset) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Read16(ref byte b, int offset) => Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, offset));

    // The value, or -1.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ParseIdByDigit(ref byte b, int pos, int stop)
    {
        if ((uint)(stop - pos - 1) >= 18)
        {
            return -1;
        }

        ulong v = 0;
        for (int p = pos; p < stop; p++)
        {
            uint d = (uint)(At(ref b, p) - '0');
            if (d > 9)
            {
                return -1;
            }

            v = (v * 10) + d;
        }

        return (long)v;
    }

    // One pass: the digits accumulate as one integer (at most 18 digits, so no overflow), then scaled by the missing
    // decimals. The value, or -1.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long ParseDecimalByDigit(ref byte b, int pos, int stop)
    {
        int last = stop - 1;
        if (last - pos < 2 || At(ref b, pos) != (byte)'"' || At(ref b, last) != (byte)'"')
        {
            return -1;
        }

        int dot = -1;
        ulong v = 0;
        for (int p = pos + 1; p < last; p++)
        {
            uint d = (uint)(At(ref b, p) - '0');
            if (d <= 9)
            {
                v = (v * 10) + d;
            }
            else if (At(ref b, p) == (byte)'.' && dot < 0)
            {
                dot = p;
            }
            else
            {
                return -1;
            }

            if (p - pos > 19)
            {
                return -1; // longer than 10 + '.' + 8: keeps v from overflowing
            }
        }

        int intDigits = (dot < 0 ? last : dot) - (pos + 1);
        int fracDigits = dot < 0 ? 0 : last - dot - 1;
        if ((uint)(intDigits - 1) >= 10 || (dot >= 0 && (uint)(fracDigits - 1) >= FixedPoint.Decimals) || v == 0)
        {
            return -1;
        }

        return (long)(v * Pow10(FixedPoint.Decimals - fracDigits));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pow10(int exponent) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Powers), exponent);
}
