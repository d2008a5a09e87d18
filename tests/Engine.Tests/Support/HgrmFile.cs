using System.Globalization;

namespace Engine.Tests.Support;

/// <summary>Reads an HdrHistogram <c>.hgrm</c> percentile distribution back: its rows and its footer figures.</summary>
public sealed record HgrmFile(IReadOnlyList<HgrmRow> Rows, double Mean, double StdDeviation, double Max, long TotalCount, int Buckets, int SubBuckets)
{
    public static HgrmFile Parse(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("       Value     Percentile TotalCount 1/(1-Percentile)", lines[0], StringComparison.Ordinal);
        var rows = new List<HgrmRow>();
        double mean = 0, deviation = 0, max = 0;
        long total = 0;
        int buckets = 0, subBuckets = 0;
        foreach (string line in lines.Skip(1))
        {
            if (line.StartsWith("#[", StringComparison.Ordinal))
            {
                // #[Mean    =        2.201, StdDeviation   =        3.903]
                string[] pair = line.Trim('#', '[', ']').Split(',');
                string first = pair[0].Split('=')[1].Trim(), second = pair[1].Split('=')[1].Trim();
                if (line.StartsWith("#[Mean", StringComparison.Ordinal))
                {
                    (mean, deviation) = (Number(first), Number(second));
                }
                else if (line.StartsWith("#[Max", StringComparison.Ordinal))
                {
                    (max, total) = (Number(first), long.Parse(second, CultureInfo.InvariantCulture));
                }
                else
                {
                    (buckets, subBuckets) = (int.Parse(first, CultureInfo.InvariantCulture), int.Parse(second, CultureInfo.InvariantCulture));
                }

                continue;
            }

            string[] c = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            rows.Add(new HgrmRow(Number(c[0]), Number(c[1]), long.Parse(c[2], CultureInfo.InvariantCulture)));
        }

        return new HgrmFile(rows, mean, deviation, max, total, buckets, subBuckets);
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
}

/// <summary>One row: the value (in the file's unit), the percentile as a fraction, the count up to the value.</summary>
public readonly record struct HgrmRow(double Value, double Percentile, long TotalCount);
