using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Engine.Binance.Json;

/// <summary>
/// Up to 16 decimal digits in one 16-byte register: a byte shuffle puts the digits right-aligned (and drops a decimal
/// point), three multiply-adds fold them into two 8-digit halves. One shuffle pattern per shape, built at start-up.
/// x86 only (SSSE3, SSE4.1); elsewhere callers read digit by digit.
/// </summary>
internal static class SimdDigits
{
    /// <summary>Largest integer-part and fraction length of a decimal the shuffle handles (the fixed point's 8 decimals).</summary>
    public const int MaxHalf = 8;

    // Shuffle patterns: 0x80 writes a zero byte, i.e. a leading zero digit.
    private static readonly byte[] IntegerPatterns = BuildIntegerPatterns();
    private static readonly byte[] DecimalPatterns = BuildDecimalPatterns();

    public static bool IsSupported => Ssse3.IsSupported && Sse41.IsSupported;

    /// <summary>
    /// The integer whose <paramref name="length"/> (1-16) digits start the 16 bytes of <paramref name="text"/>;
    /// false when one of them is not a digit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseInteger(Vector128<byte> text, int length, out ulong value) =>
        TryFold(text, Pattern(IntegerPatterns, length), out value);

    /// <summary>
    /// The decimal "I.F" (or "I" when <paramref name="fractionDigits"/> is 0) starting the 16 bytes of
    /// <paramref name="text"/>, as an integer scaled by 10^8; I has 1-8 digits and F 0-8. The '.' itself is not checked.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseDecimal(Vector128<byte> text, int integerDigits, int fractionDigits, out ulong scaled) =>
        TryFold(text, Pattern(DecimalPatterns, (integerDigits * (MaxHalf + 1)) + fractionDigits), out scaled);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryFold(Vector128<byte> text, Vector128<byte> pattern, out ulong value)
    {
        Vector128<byte> digits = Ssse3.Shuffle(text - Vector128.Create((byte)'0'), pattern);
        bool ok = !Vector128.GreaterThanAny(digits, Vector128.Create((byte)9)); // a non-digit wrapped to 10-255
        Vector128<short> pairs = Ssse3.MultiplyAddAdjacent(digits, Vector128.Create((short)0x010A).AsSByte()); // 10, 1
        Vector128<int> fours = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create(0x00010064).AsInt16());        // 100, 1
        Vector128<ushort> packed = Sse41.PackUnsignedSaturate(fours, fours);
        Vector128<int> eights = Sse2.MultiplyAddAdjacent(packed.AsInt16(), Vector128.Create(0x00012710).AsInt16()); // 10000, 1
        ulong halves = eights.AsUInt64().ToScalar(); // first 8 digits in the low half, last 8 in the high half
        value = ((halves & 0xFFFFFFFF) * 100_000_000) + (halves >> 32);
        return ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Pattern(byte[] patterns, int index) =>
        Vector128.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(patterns), (nuint)(index * 16));

    private static byte[] BuildIntegerPatterns()
    {
        byte[] patterns = new byte[17 * 16];
        for (int length = 0; length <= 16; length++)
        {
            Span<byte> p = patterns.AsSpan(length * 16, 16);
            p.Fill(0x80);
            for (int i = 0; i < length; i++)
            {
                p[16 - length + i] = (byte)i;
            }
        }

        return patterns;
    }

    private static byte[] BuildDecimalPatterns()
    {
        byte[] patterns = new byte[(MaxHalf + 1) * (MaxHalf + 1) * 16];
        for (int integer = 0; integer <= MaxHalf; integer++)
        {
            for (int fraction = 0; fraction <= MaxHalf; fraction++)
            {
                Span<byte> p = patterns.AsSpan(((integer * (MaxHalf + 1)) + fraction) * 16, 16);
                p.Fill(0x80);
                for (int i = 0; i < integer; i++)
                {
                    p[MaxHalf - integer + i] = (byte)i; // integer digits end at byte 7
                }

                for (int j = 0; j < fraction; j++)
                {
                    p[MaxHalf + j] = (byte)(integer + 1 + j); // fraction digits start at byte 8, after the '.'
                }
            }
        }

        return patterns;
    }
}
