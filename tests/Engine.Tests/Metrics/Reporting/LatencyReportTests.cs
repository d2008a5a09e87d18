using System.Text.Json;
using Engine.Metrics;
using Engine.Metrics.Reporting;

namespace Engine.Tests.Metrics.Reporting;

public class LatencyReportTests
{
    [Fact]
    public void Json_ForSeededSample_CarriesExactOrderStatisticsAndOverflow()
    {
        long[] values = SampleDistributions.Generate("exponential", 50_000, seed: 17);
        var histogram = Record(values);
        histogram.RecordValue(SampleDistributions.HighestTrackable + 1);
        long[] sorted = [.. values];
        Array.Sort(sorted);
        var report = new LatencyReport("run \"A\"").Add("end to end", histogram);

        using var json = JsonDocument.Parse(report.ToJson());

        Assert.Equal("run \"A\"", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("ns", json.RootElement.GetProperty("unit").GetString());
        JsonElement series = json.RootElement.GetProperty("series")[0];
        Assert.Equal("end to end", series.GetProperty("name").GetString());
        Assert.Equal(50_000, series.GetProperty("count").GetInt64());
        Assert.Equal(1, series.GetProperty("overflow").GetInt64());
        Assert.Equal(histogram.LowestEquivalentValue(sorted[0]), series.GetProperty("min").GetInt64());
        Assert.Equal(histogram.HighestEquivalentValue(sorted[^1]), series.GetProperty("max").GetInt64());
        foreach ((string key, double p) in new[] { ("p50", 50.0), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("p99.99", 99.99) })
        {
            long exact = SampleDistributions.OrderStatistic(sorted, p);
            Assert.Equal(histogram.HighestEquivalentValue(exact), series.GetProperty(key).GetInt64());
        }

        Assert.InRange(series.GetProperty("mean").GetDouble(), values.Average() * 0.999, values.Average() * 1.001);
    }

    [Fact]
    public void Tables_ForHandKnownSeries_PrintMicrosecondsOneRowPerSeries()
    {
        // 100, 200, 300, 400, 10007 ns (see the .hgrm golden): p50 = 3rd value = 0.300 µs, p90..p99.99 = top
        // of 10007's slot = 10.007 µs, mean of slot middles 2200.8 ns = 2.201 µs, min 0.100 µs.
        var known = Record([100, 200, 300, 400, 10_007]);
        var report = new LatencyReport("known").Add("parse", known).Add("empty", new Histogram(1, SampleDistributions.HighestTrackable, 3));

        string markdown = report.ToMarkdownTable();
        string console = report.ToConsoleTable();

        Assert.Contains("| parse | 5 | 0.100 | 2.201 | 0.300 | 10.007 | 10.007 | 10.007 | 10.007 | 10.007 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| empty | 0 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("|:---|---:|", markdown, StringComparison.Ordinal);
        string[] lines = console.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length); // title, header, rule, two series
        Assert.Equal(lines[1].Length, lines[3].Length);
        Assert.Equal(lines[1].Length, lines[4].Length);
        Assert.StartsWith("parse ", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(" 10.007         0", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Add_SnapshotsTheHistogram_LaterRecordingDoesNotLeakIn()
    {
        var live = Record([1000]);
        var report = new LatencyReport("snapshot").Add("stage", live);

        live.RecordValue(2000);

        Assert.Equal(1, report.Summaries()[0].Count);
    }

    [Fact]
    public void Add_DuplicateName_Throws()
    {
        var report = new LatencyReport("dup").Add("parse", Record([1]));

        Assert.Throws<ArgumentException>(() => report.Add("parse", Record([2])));
    }

    [Fact]
    public void WriteTo_Folder_WritesOneHgrmPerSeriesPlusJsonMarkdownAndSvg()
    {
        string directory = Path.Combine(Path.GetTempPath(), "engine-latency-" + Guid.NewGuid().ToString("N"));
        try
        {
            var known = Record([100, 200, 300, 400, 10_007]);
            var report = new LatencyReport("files").Add("parse", known).Add("end to end/all", known).Add("latency", known);

            IReadOnlyList<string> paths = report.WriteTo(directory, budgetNanos: 50_000);

            string[] names = [.. paths.Select(Path.GetFileName).OfType<string>()];
            Assert.Equal(["parse.hgrm", "end_to_end_all.hgrm", "latency-2.hgrm", "latency.json", "latency.md", "latency.svg"], names);
            Assert.All(paths, p => Assert.True(File.Exists(p), p));
            string hgrm = File.ReadAllText(Path.Combine(directory, "parse.hgrm"));
            Assert.StartsWith("       Value     Percentile TotalCount 1/(1-Percentile)\n\n       0.100 0.000000000000", hgrm, StringComparison.Ordinal);
            Assert.Contains("Budget: 50.000 µs.", File.ReadAllText(Path.Combine(directory, "latency.md")), StringComparison.Ordinal);
            Assert.Contains("stroke-dasharray", File.ReadAllText(Path.Combine(directory, "latency.svg")), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    internal static Histogram Record(long[] values)
    {
        var histogram = new Histogram(1, SampleDistributions.HighestTrackable, 3);
        foreach (long v in values)
        {
            histogram.RecordValue(v);
        }

        return histogram;
    }
}
