using System.Buffers;
using System.Runtime.CompilerServices;

namespace Engine.Binance.Json;

/// <summary>
/// Low-level UTF-8 JSON token readers over a span and a position. Each returns <see cref="FrameParseResult.Trade"/>
/// (meaning "ok") or the reason it stopped; the position then stands just after the token.
/// </summary>
internal static class JsonScan
{
    public const int MaxDepth = 64;

    private static readonly SearchValues<byte> QuoteOrBackslash = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SkipWhitespace(ReadOnlySpan<byte> s, scoped ref int pos)
    {
        while (pos < s.Length)
        {
            byte c = s[pos];
            if (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t')
            {
                return;
            }

            pos++;
        }
    }

    /// <summary>pos on the opening quote; returns the raw content (escapes not decoded) and whether it had any.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameParseResult ReadString(ReadOnlySpan<byte> s, scoped ref int pos, out ReadOnlySpan<byte> content, out bool escaped)
    {
        int start = pos + 1;
        int i = start;
        escaped = false;

        // Keys and Binance values are short: a scalar scan beats setting up a vector search.
        int scalarEnd = Math.Min(s.Length, start + 16);
        for (; i < scalarEnd; i++)
        {
            byte b = s[i];
            if (b == (byte)'"')
            {
                content = s[start..i];
                pos = i + 1;
                return FrameParseResult.Trade;
            }

            if (b == (byte)'\\')
            {
                break;
            }
        }

        while (true)
        {
            int k = s[i..].IndexOfAny(QuoteOrBackslash);
            if (k < 0)
            {
                content = default;
                return FrameParseResult.Truncated;
            }

            i += k;
            if (s[i] == (byte)'"')
            {
                content = s[start..i];
                pos = i + 1;
                return FrameParseResult.Trade;
            }

            escaped = true;
            i += 2; // the escaped character can never end the string; \uXXXX digits are plain characters
            if (i > s.Length)
            {
                content = default;
                return FrameParseResult.Truncated;
            }
        }
    }

    /// <summary>A plain JSON integer (optional '-', 1 to 18 digits) followed by a delimiter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameParseResult ReadLong(ReadOnlySpan<byte> s, scoped ref int pos, out long value)
    {
        value = 0;
        int i = pos;
        bool negative = false;
        if (i < s.Length && s[i] == (byte)'-')
        {
            negative = true;
            i++;
        }

        int start = i;
        long v = 0;
        while (i < s.Length)
        {
            uint d = (uint)(s[i] - (byte)'0');
            if (d > 9)
            {
                break;
            }

            v = (v * 10) + d;
            i++;
        }

        int digits = i - start;
        if (i == s.Length)
        {
            return FrameParseResult.Truncated;
        }

        if (digits == 0)
        {
            return FrameParseResult.BadNumber;
        }

        if (digits > 18)
        {
            return FrameParseResult.NumberOverflow;
        }

        byte next = s[i];
        if (next == (byte)'.' || next == (byte)'e' || next == (byte)'E')
        {
            return FrameParseResult.BadNumber;
        }

        value = negative ? -v : v;
        pos = i;
        return FrameParseResult.Trade;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameParseResult ReadBool(ReadOnlySpan<byte> s, scoped ref int pos, out bool value)
    {
        ReadOnlySpan<byte> rest = s[pos..];
        if (rest.StartsWith("true"u8))
        {
            value = true;
            pos += 4;
            return FrameParseResult.Trade;
        }

        if (rest.StartsWith("false"u8))
        {
            value = false;
            pos += 5;
            return FrameParseResult.Trade;
        }

        value = false;
        return rest.Length < 5 && ("false"u8.StartsWith(rest) || "true"u8.StartsWith(rest)) ? FrameParseResult.Truncated : FrameParseResult.BadBoolean;
    }

    /// <summary>A decimal sent as a string (Binance's way) or as a bare number; returns its text for fixed-point parsing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FrameParseResult ReadDecimalToken(ReadOnlySpan<byte> s, scoped ref int pos, out ReadOnlySpan<byte> text)
    {
        if (s[pos] == (byte)'"')
        {
            FrameParseResult r = ReadString(s, ref pos, out text, out bool escaped);
            return r == FrameParseResult.Trade && escaped ? FrameParseResult.EscapedString : r;
        }

        byte c = s[pos];
        if (c != (byte)'-' && (uint)(c - '0') > 9)
        {
            text = default;
            return FrameParseResult.BadFieldType;
        }

        int start = pos;
        int end = SkipNumberChars(s, pos);
        if (end == s.Length)
        {
            text = default;
            return FrameParseResult.Truncated;
        }

        text = s[start..end];
        pos = end;
        return text.Length == 0 ? FrameParseResult.InvalidJson : FrameParseResult.Trade;
    }

    /// <summary>Skips any JSON value, nested containers included, checking brackets match.</summary>
    public static FrameParseResult SkipValue(ReadOnlySpan<byte> s, scoped ref int pos)
    {
        byte c = s[pos];
        switch (c)
        {
            case (byte)'"':
                return ReadString(s, ref pos, out _, out _);
            case (byte)'{':
            case (byte)'[':
                return SkipContainer(s, ref pos);
            case (byte)'t':
                return SkipLiteral(s, ref pos, "true"u8);
            case (byte)'f':
                return SkipLiteral(s, ref pos, "false"u8);
            case (byte)'n':
                return SkipLiteral(s, ref pos, "null"u8);
            default:
                if (c != (byte)'-' && (uint)(c - '0') > 9)
                {
                    return FrameParseResult.InvalidJson;
                }

                int end = SkipNumberChars(s, pos);
                if (end == s.Length)
                {
                    return FrameParseResult.Truncated;
                }

                pos = end;
                return FrameParseResult.Trade;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FrameParseResult SkipContainer(ReadOnlySpan<byte> s, scoped ref int pos)
    {
        ulong isObject = 0; // bit d set: the container at depth d is an object
        int depth = 0;
        int i = pos;
        while (true)
        {
            int k = s[i..].IndexOfAny(Structural);
            if (k < 0)
            {
                return FrameParseResult.Truncated;
            }

            i += k;
            byte c = s[i];
            switch (c)
            {
                case (byte)'"':
                    FrameParseResult r = ReadString(s, ref i, out _, out _);
                    if (r != FrameParseResult.Trade)
                    {
                        return r;
                    }

                    continue;
                case (byte)'{':
                case (byte)'[':
                    if (depth == MaxDepth)
                    {
                        return FrameParseResult.TooDeep;
                    }

                    isObject = c == (byte)'{' ? isObject | (1UL << depth) : isObject & ~(1UL << depth);
                    depth++;
                    break;
                default:
                    depth--;
                    bool closesObject = c == (byte)'}';
                    if (closesObject != ((isObject & (1UL << depth)) != 0))
                    {
                        return FrameParseResult.InvalidJson;
                    }

                    if (depth == 0)
                    {
                        pos = i + 1;
                        return FrameParseResult.Trade;
                    }

                    break;
            }

            i++;
        }
    }

    private static FrameParseResult SkipLiteral(ReadOnlySpan<byte> s, scoped ref int pos, ReadOnlySpan<byte> literal)
    {
        ReadOnlySpan<byte> rest = s[pos..];
        if (rest.StartsWith(literal))
        {
            pos += literal.Length;
            return FrameParseResult.Trade;
        }

        return literal.StartsWith(rest) ? FrameParseResult.Truncated : FrameParseResult.InvalidJson;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipNumberChars(ReadOnlySpan<byte> s, int i)
    {
        while (i < s.Length)
        {
            byte c = s[i];
            if ((uint)(c - '0') > 9 && c != (byte)'-' && c != (byte)'+' && c != (byte)'.' && c != (byte)'e' && c != (byte)'E')
            {
                break;
            }

            i++;
        }

        return i;
    }
}
