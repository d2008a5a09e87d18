using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>
/// Exact decimal text ⇄ integer scaled by 10^8, the representation of every <see cref="Price"/> and
/// <see cref="Quantity"/>. Binance sends at most 8 decimals, so no value the venue sends is ever rounded.
/// </summary>
public static class FixedPoint
{
    public const int Decimals = 8;
    public const long Scale = 100_000_000;
    private const double InverseScale = 1e-8;

    /// <summary>
    /// Parses optional '-', digits, optional '.' and up to 8 fraction digits (more only when they are zeros).
    /// Empty text, a lone sign or dot, any other character, and values beyond ±92,233,720,368 are failures.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out long scaled)
    {
        scaled = 0;
        int i = 0;
        int n = utf8.Length;
        if (n == 0)
        {
            return false;
        }

        bool negative = false;
        if (utf8[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        // Integer part: at most 11 digits keeps value * 10^8 inside long (max 92,233,720,368.54775807).
        ulong integer = 0;
        int intDigits = 0;
        while (i < n)
        {
            uint d = (uint)(utf8[i] - (byte)'0');
            if (d > 9)
            {
                break;
            }

            integer = (integer * 10) + d;
            intDigits++;
            i++;
            if (intDigits > 11)
            {
                return false;
            }
        }

        ulong fraction = 0;
        int fracDigits = 0;
        if (i < n && utf8[i] == (byte)'.')
        {
            i++;
            while (i < n)
            {
                uint d = (uint)(utf8[i] - (byte)'0');
                if (d > 9)
                {
                    return false;
                }

                if (fracDigits < Decimals)
                {
                    fraction = (fraction * 10) + d;
                    fracDigits++;
                }
                else if (d != 0)
                {
                    return false; // a 9th significant decimal would be silently rounded: refuse it
                }

                i++;
            }

            if (fracDigits == 0 && intDigits == 0)
            {
                return false;
            }
        }

        if (i != n || (intDigits == 0 && fracDigits == 0))
        {
            return false;
        }

        fraction *= Pow10[Decimals - fracDigits];
        ulong magnitude = (integer * (ulong)Scale) + fraction;
        if (magnitude > long.MaxValue)
        {
            return false;
        }

        scaled = negative ? -(long)magnitude : (long)magnitude;
        return true;
    }

    /// <summary>Parses UTF-16 text (cold paths: configuration, CSV written by people).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long scaled)
    {
        Span<byte> buffer = stackalloc byte[32];
        if (text.Length > buffer.Length)
        {
            scaled = 0;
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 127)
            {
                scaled = 0;
                return false;
            }

            buffer[i] = (byte)c;
        }

        return TryParse(buffer[..text.Length], out scaled);
    }

    /// <summary>The one place where fixed-point money becomes a <c>double</c> statistic.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(long scaled) => scaled * InverseScale;

    /// <summary>Writes the shortest exact decimal text (no trailing zeros) into <paramref name="destination"/>.</summary>
    public static bool TryFormat(long scaled, Span<byte> destination, out int written)
    {
        written = 0;
        Span<byte> tmp = stackalloc byte[24];
        int pos = tmp.Length;
        ulong magnitude = scaled < 0 ? (ulong)(-(scaled + 1)) + 1 : (ulong)scaled;
        ulong integer = magnitude / Scale;
        ulong fraction = magnitude % Scale;

        int fracDigits = Decimals;
        while (fracDigits > 0 && fraction % 10 == 0)
        {
            fraction /= 10;
            fracDigits--;
        }

        for (int k = 0; k < fracDigits; k++)
        {
            tmp[--pos] = (byte)('0' + (int)(fraction % 10));
            fraction /= 10;
        }

        if (fracDigits > 0)
        {
            tmp[--pos] = (byte)'.';
        }

        do
        {
            tmp[--pos] = (byte)('0' + (int)(integer % 10));
            integer /= 10;
        }
        while (integer != 0);

        if (scaled < 0)
        {
            tmp[--pos] = (byte)'-';
        }

        int length = tmp.Length - pos;
        if (length > destination.Length)
        {
            return false;
        }

        tmp[pos..].CopyTo(destination);
        written = length;
        return true;
    }

    /// <summary>Exact decimal text (cold code: reports, tests).</summary>
    public static string ToString(long scaled)
    {
        Span<byte> buffer = stackalloc byte[24];
        TryFormat(scaled, buffer, out int written);
        return System.Text.Encoding.ASCII.GetString(buffer[..written]);
    }

    // A static array, not a collection-expression span property: in Debug builds that allocated on every call.
    private static readonly ulong[] Pow10 =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL,
    ];
}
