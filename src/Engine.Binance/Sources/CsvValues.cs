using System.Buffers.Text;

namespace Engine.Binance.Sources;

/// <summary>Allocation-free parsers for the scalar CSV columns of Binance files.</summary>
public static class CsvValues
{
    /// <summary>Timestamps at or above this are microseconds (10^14 ms would be the year 5138).</summary>
    public const long MicrosecondThreshold = 100_000_000_000_000;

    public static bool TryParseLong(ReadOnlySpan<byte> text, out long value) =>
        Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && text.Length > 0;

    /// <summary>Epoch milliseconds from ms or µs text (data.binance.vision spot files are µs from 2025).</summary>
    public static bool TryParseEpochMs(ReadOnlySpan<byte> text, out long ms)
    {
        if (!TryParseLong(text, out ms) || ms < 0)
        {
            return false;
        }

        if (ms >= MicrosecondThreshold)
        {
            ms /= 1000;
        }

        return true;
    }

    /// <summary><c>true</c>/<c>false</c> in any case (futures files write lower case, spot files <c>True</c>).</summary>
    public static bool TryParseBool(ReadOnlySpan<byte> text, out bool value)
    {
        if (text.Length == 4 && (text[0] | 0x20) == 't' && (text[1] | 0x20) == 'r' && (text[2] | 0x20) == 'u' && (text[3] | 0x20) == 'e')
        {
            value = true;
            return true;
        }

        value = false;
        return text.Length == 5 && (text[0] | 0x20) == 'f' && (text[1] | 0x20) == 'a' && (text[2] | 0x20) == 'l'
            && (text[3] | 0x20) == 's' && (text[4] | 0x20) == 'e';
    }

    /// <summary>A finite double (statistics columns only; money goes through FixedPoint).</summary>
    public static bool TryParseFiniteDouble(ReadOnlySpan<byte> text, out double value) =>
        Utf8Parser.TryParse(text, out value, out int consumed) && consumed == text.Length && double.IsFinite(value);
}
