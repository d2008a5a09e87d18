namespace Engine.Binance.Archives;

/// <summary>
/// The two timestamp forms of <c>aggregated.csv</c> (contracts §1): the engine's ISO <c>2024-08-08T23:54:00Z</c>
/// (interval start) and the original Aggregator's <c>2024-08-08 23:55:00</c> (interval end, UTC, no zone).
/// Optional fractional seconds (<c>.fff</c>, up to 3 digits) are accepted in both.
/// </summary>
public static class AggregatedTimestamp
{
    /// <summary>Parses either form into epoch ms; <paramref name="isIntervalEnd"/> is true for the space-separated form.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out long epochMs, out bool isIntervalEnd)
    {
        epochMs = 0;
        isIntervalEnd = false;
        if (text.Length < 19 || text[4] != (byte)'-' || text[7] != (byte)'-' || text[13] != (byte)':' || text[16] != (byte)':')
        {
            return false;
        }

        bool iso = text[10] == (byte)'T';
        if (!iso && text[10] != (byte)' ')
        {
            return false;
        }

        if (!TryDigits(text.Slice(0, 4), out int year) || !TryDigits(text.Slice(5, 2), out int month)
            || !TryDigits(text.Slice(8, 2), out int day) || !TryDigits(text.Slice(11, 2), out int hour)
            || !TryDigits(text.Slice(14, 2), out int minute) || !TryDigits(text.Slice(17, 2), out int second))
        {
            return false;
        }

        int i = 19;
        int millis = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            int digits = 0;
            while (i < text.Length && (uint)(text[i] - '0') <= 9)
            {
                if (digits == 3)
                {
                    return false;
                }

                millis = (millis * 10) + (text[i] - '0');
                digits++;
                i++;
            }

            for (; digits < 3; digits++)
            {
                millis *= 10;
            }
        }

        if (iso)
        {
            if (i == text.Length || text[i] != (byte)'Z')
            {
                return false;
            }

            i++;
        }

        if (i != text.Length || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long days = DaysFromCivil(year, month, day);
        epochMs = (((((days * 24) + hour) * 60) + minute) * 60 + second) * 1000 + millis;
        isIntervalEnd = !iso;
        return true;
    }

    // Howard Hinnant's days-from-civil: days since 1970-01-01 in the proleptic Gregorian calendar.
    private static long DaysFromCivil(int year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        int era = (year >= 0 ? year : year - 399) / 400;
        int yoe = year - (era * 400);
        int doy = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        int doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return ((long)era * 146097) + doe - 719468;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint d = (uint)(b - '0');
            if (d > 9)
            {
                return false;
            }

            value = (value * 10) + (int)d;
        }

        return true;
    }
}
