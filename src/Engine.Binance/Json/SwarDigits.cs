using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Binance.Json;

/// <summary>
/// Eight ASCII characters at a time as one little-endian word (SIMD within a register): how many leading characters
/// are digits, and their value, without a loop or a branch per digit.
/// </summary>
internal static class SwarDigits
{
    private const ulong HighNibbles = 0xF0F0F0F0F0F0F0F0;
    private const ulong LowNibbles = 0x0F0F0F0F0F0F0F0F;
    private const ulong Sixes = 0x0606060606060606;
    private const ulong Threes = 0x3333333333333333;

    /// <summary>Number of leading ASCII digits in the word's 8 characters (first character in the lowest byte), 0-8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LeadingDigits(ulong word)
    {
        // A byte is a digit when its high nibble is 3 and stays 3 after adding 6 ('0'-'9' are 0x30-0x39).
        // Adding 6 may carry out of a non-digit byte into the next one, but only after the first non-digit.
        ulong high = word & HighNibbles;
        ulong highPlusSix = ((word + Sixes) & HighNibbles) >> 4;
        ulong nonDigits = (high | highPlusSix) ^ Threes;
        return BitOperations.TrailingZeroCount(nonDigits) >> 3; // 64 >> 3 = 8 when all are digits
    }

    /// <summary>The value of the word's first <paramref name="digits"/> characters (0-8), which must be digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Parse(ulong word, int digits)
    {
        // Shift the digits to the top so the missing leading digits read as zeros; two shifts so 0 digits gives 0.
        int half = (8 - digits) * 4;
        ulong v = ((word & LowNibbles) << half) << half;
        v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FF;   // pairs of digits
        v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFF; // groups of four
        return (v * 10000 + (v >> 32)) & 0xFFFFFFFF;    // all eight
    }
}
