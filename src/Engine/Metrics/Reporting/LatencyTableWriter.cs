using System.Globalization;
using System.Text;

namespace Engine.Metrics.Reporting;

/// <summary>The people-facing tables: one row per series, latencies in microseconds with three decimals.</summary>
public static class LatencyTableWriter
{
    private static readonly string[] Headers =
        ["series", "count", "min", "mean", "p50", "p90", "p99", "p99.9", "p99.99", "max", "overflow"];

    /// <summary>A fixed-width text table for the console.</summary>
    public static string ToConsoleTable(string title, IReadOnlyList<LatencySummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        List<string[]> rows = [Headers, .. summaries.Select(Cells)];
        int[] widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();

        var text = new StringBuilder();
        text.Append(title).Append(" (latency in µs)\n");
        foreach (string[] row in rows)
        {
            for (int c = 0; c < row.Length; c++)
            {
                // The series name reads left to right; numbers line up on the right.
                string cell = c == 0 ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]);
                text.Append(c == 0 ? string.Empty : "  ").Append(cell);
            }

            text.Append('\n');
            if (ReferenceEquals(row, Headers))
            {
                text.Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table under a heading.</summary>
    public static string ToMarkdownTable(string title, IReadOnlyList<LatencySummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var text = new StringBuilder();
        text.Append("## ").Append(title).Append("\n\nLatency in µs (HdrHistogram percentiles, 3 significant digits).\n\n");
        text.Append("| ").Append(string.Join(" | ", Headers)).Append(" |\n");
        text.Append("|:---|").Append(string.Concat(Enumerable.Repeat("---:|", Headers.Length - 1))).Append('\n');
        foreach (LatencySummary summary in summaries)
        {
            string[] cells = Cells(summary);
            cells[0] = cells[0].Replace("|", "\\|");
            text.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }

        return text.ToString();
    }

    internal static string Micros(double nanos) => (nanos / 1000.0).ToString("F3", CultureInfo.InvariantCulture);

    private static string[] Cells(LatencySummary s) =>
    [
        s.Name,
        s.Count.ToString(CultureInfo.InvariantCulture),
        Micros(s.MinNanos),
        Micros(s.MeanNanos),
        Micros(s.P50Nanos),
        Micros(s.P90Nanos),
        Micros(s.P99Nanos),
        Micros(s.P999Nanos),
        Micros(s.P9999Nanos),
        Micros(s.MaxNanos),
        s.Overflow.ToString(CultureInfo.InvariantCulture),
    ];
}
