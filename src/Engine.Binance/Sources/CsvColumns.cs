namespace Engine.Binance.Sources;

/// <summary>Splits one unquoted CSV line (Binance files never quote) into column ranges, without allocating.</summary>
public static class CsvColumns
{
    /// <summary>
    /// Writes each column's start into <paramref name="starts"/> and returns the column count, or -1 when the line
    /// has more columns than <paramref name="starts"/> can hold minus one. Column i is
    /// <c>line[starts[i]..(starts[i + 1] - 1)]</c>; a sentinel start is stored after the last column.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, Span<int> starts)
    {
        int count = 0;
        int pos = 0;
        while (true)
        {
            if (count == starts.Length - 1)
            {
                return -1;
            }

            starts[count++] = pos;
            int k = line[pos..].IndexOf((byte)',');
            if (k < 0)
            {
                starts[count] = line.Length + 1;
                return count;
            }

            pos += k + 1;
        }
    }

    public static ReadOnlySpan<byte> Column(ReadOnlySpan<byte> line, ReadOnlySpan<int> starts, int index) =>
        line[starts[index]..(starts[index + 1] - 1)];
}
