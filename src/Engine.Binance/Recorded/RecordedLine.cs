namespace Engine.Binance.Recorded;

/// <summary>Splits a recorded line into its local receive time and its JSON frame.</summary>
public static class RecordedLine
{
    /// <summary>
    /// <c>1723161255088176367 {..}</c> (integer ns) or <c>1626992741.06217: {..}</c> (seconds with up to 9 decimals,
    /// converted exactly to ns). False when the prefix is not one of these or no '{' follows.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> line, out long recordedNs, out ReadOnlySpan<byte> json)
    {
        recordedNs = 0;
        json = default;
        int i = 0;
        long integer = 0;
        while (i < line.Length && (uint)(line[i] - '0') <= 9)
        {
            if (i == 19)
            {
                return false;
            }

            integer = (integer * 10) + (line[i] - '0');
            i++;
        }

        if (i == 0 || i == line.Length)
        {
            return false;
        }

        if (line[i] == (byte)' ')
        {
            recordedNs = integer;
        }
        else
        {
            long fraction = 0;
            int fractionDigits = 0;
            if (line[i] == (byte)'.')
            {
                i++;
                while (i < line.Length && (uint)(line[i] - '0') <= 9)
                {
                    if (fractionDigits == 9)
                    {
                        return false;
                    }

                    fraction = (fraction * 10) + (line[i] - '0');
                    fractionDigits++;
                    i++;
                }
            }

            if (i == line.Length || line[i] != (byte)':' || integer > 9_000_000_000)
            {
                return false;
            }

            i++;
            for (int k = fractionDigits; k < 9; k++)
            {
                fraction *= 10;
            }

            recordedNs = (integer * 1_000_000_000) + fraction;
        }

        while (i < line.Length && line[i] == (byte)' ')
        {
            i++;
        }

        if (i == line.Length || line[i] != (byte)'{')
        {
            return false;
        }

        json = line[i..];
        return true;
    }
}
