using System.Text;

namespace Engine.Metrics.Reporting;

/// <summary>
/// Gathers named latency series (per pipeline stage and end to end, nanoseconds) and writes the report folder:
/// one <c>&lt;series&gt;.hgrm</c> per series, <c>latency.json</c>, <c>latency.md</c> and <c>latency.svg</c>.
/// Cold code: <see cref="Add"/> snapshots the histogram, so the caller may keep recording into it.
/// </summary>
public sealed class LatencyReport
{
    private readonly List<LatencySeries> _series = [];

    public LatencyReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public string Title { get; }

    public IReadOnlyList<LatencySeries> Series => _series;

    /// <summary>Adds a copy of <paramref name="histogram"/> under a unique <paramref name="name"/>.</summary>
    public LatencyReport Add(string name, Histogram histogram)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(histogram);
        if (_series.Exists(s => s.Name == name))
        {
            throw new ArgumentException($"the report already has a series named '{name}'", nameof(name));
        }

        _series.Add(new LatencySeries(name, histogram.Copy()));
        return this;
    }

    public IReadOnlyList<LatencySummary> Summaries() => [.. _series.Select(s => LatencySummary.From(s.Name, s.Histogram))];

    public string ToConsoleTable() => LatencyTableWriter.ToConsoleTable(Title, Summaries());

    public string ToMarkdownTable() => LatencyTableWriter.ToMarkdownTable(Title, Summaries());

    public string ToJson() => LatencyJsonWriter.ToJson(Title, Summaries());

    public string ToSvg(long? budgetNanos = null) => LatencyChartWriter.ToSvg(Title, _series, budgetNanos);

    /// <summary>Writes every file of the report into <paramref name="directory"/> (created if missing); returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string directory, long? budgetNanos = null)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var usedFileNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "latency" };
        foreach (LatencySeries series in _series)
        {
            string fileName = UniqueFileName(series.Name, usedFileNames);
            written.Add(Write(directory, fileName + ".hgrm", PercentileDistributionWriter.ToText(series.Histogram)));
        }

        written.Add(Write(directory, "latency.json", ToJson()));
        string markdown = ToMarkdownTable();
        if (budgetNanos is long budget)
        {
            markdown += $"\nBudget: {LatencyTableWriter.Micros(budget)} µs.\n";
        }

        written.Add(Write(directory, "latency.md", markdown + "\n![latency by percentile](latency.svg)\n"));
        written.Add(Write(directory, "latency.svg", ToSvg(budgetNanos)));
        return written;
    }

    private static string Write(string directory, string fileName, string content)
    {
        string path = Path.Combine(directory, fileName);
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>The series name reduced to [A-Za-z0-9._-], made unique among the report's files.</summary>
    internal static string UniqueFileName(string name, HashSet<string> used)
    {
        var safe = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        string stem = safe.ToString().Trim('.');
        if (stem.Length == 0)
        {
            stem = "series";
        }

        string candidate = stem;
        for (int n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }
}
