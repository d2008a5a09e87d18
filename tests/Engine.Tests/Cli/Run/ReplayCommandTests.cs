using System.Text.Json;
using Engine.Cli;
using Engine.Cli.Run;
using Engine.Metrics;
using Engine.Pipeline;
using Engine.Tests.Support;
using HdrHistogram;
using HdrHistogram.Iteration;

namespace Engine.Tests.Cli.Run;

public sealed class ReplayCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string RunDir(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Replay_ShorterThanItsWarmup_ReportsTheOverallRateAndSaysSo()
    {
        string dir = RunDir("short");
        var (exit, _, error) = CliHarness.ReplaySample(dir, "--set", "Runtime:WarmupEvents=1000000");

        Assert.True(exit == ExitCodes.Ok, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        JsonElement s = summary.RootElement;
        long events = s.GetProperty("events").GetInt64();
        Assert.False(s.GetProperty("throughputAfterWarmup").GetBoolean());
        Assert.Equal(events, s.GetProperty("measuredEvents").GetInt64());
        Assert.Equal(s.GetProperty("eventsPerSecondOverall").GetDouble(), s.GetProperty("eventsPerSecond").GetDouble());
        Assert.Contains("shorter than the warm-up", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_BundledSample_WritesCompleteRunDirectoryAndEndsWithReportPath()
    {
        string dir = RunDir("a");
        var (exit, output, error) = CliHarness.ReplaySample(dir);

        Assert.True(exit == ExitCodes.Ok, error);
        string lastLine = output.TrimEnd('\n').Split('\n')[^1];
        Assert.Equal(Path.Combine(dir, "report.md"), lastLine);
        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv", "summary.json", "report.md", "histograms.json", "latency.svg", "latency.hlog", "config.txt" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), file);
        }

        foreach (Stage stage in Enum.GetValues<Stage>())
        {
            string hgrm = Path.Combine(dir, StageLatency.NameOf(stage) + ".hgrm");
            Assert.True(File.Exists(hgrm), hgrm);
            Assert.Contains("Value", File.ReadAllText(hgrm), StringComparison.Ordinal);
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        JsonElement s = summary.RootElement;
        long events = s.GetProperty("events").GetInt64();
        Assert.InRange(events, CliHarness.SampleTradeCount, CliHarness.SampleTradeCount + 1); // + the end-of-stream event
        Assert.True(s.GetProperty("eventsPerSecond").GetDouble() > 0);

        // The sample config warms up for 2,000 events: the rate covers the events after them, timed on the engine thread.
        Assert.True(s.GetProperty("throughputAfterWarmup").GetBoolean());
        Assert.Equal(events - 2_000, s.GetProperty("measuredEvents").GetInt64());
        double measuredSeconds = s.GetProperty("measuredSeconds").GetDouble();
        Assert.InRange(measuredSeconds, double.Epsilon, s.GetProperty("elapsedSeconds").GetDouble());
        Assert.Equal((events - 2_000) / measuredSeconds, s.GetProperty("eventsPerSecond").GetDouble(), tolerance: 1.0);
        Assert.Equal(events / s.GetProperty("elapsedSeconds").GetDouble(), s.GetProperty("eventsPerSecondOverall").GetDouble(), tolerance: 1.0);
        Assert.True(s.GetProperty("signals").GetInt64() > 0, "the sample config is meant to produce signals");
        Assert.True(s.GetProperty("orders").GetInt64() > 0);
        Assert.True(s.GetProperty("fills").GetInt64() > 0);
        Assert.True(s.GetProperty("feesPaid").GetDecimal() > 0);
        _ = s.GetProperty("realizedPnl").GetDecimal();
        JsonElement latency = s.GetProperty("latencyNs");
        long p50 = latency.GetProperty("p50").GetInt64(), p99 = latency.GetProperty("p99").GetInt64();
        long p999 = latency.GetProperty("p999").GetInt64(), p9999 = latency.GetProperty("p9999").GetInt64(), max = latency.GetProperty("max").GetInt64();
        Assert.True(0 < p50 && p50 <= p99 && p99 <= p999 && p999 <= p9999 && p9999 <= max, $"{p50} {p99} {p999} {p9999} {max}");
        foreach (string gen in new[] { "gen0", "gen1", "gen2" })
        {
            Assert.True(s.GetProperty("gcCollections").GetProperty(gen).GetInt32() >= 0);
        }

        Assert.True(s.GetProperty("allocatedBytesEngineThread").GetInt64() >= 0);
        Assert.False(s.GetProperty("interrupted").GetBoolean());

        // aggregated.csv: one row per closed 1-second interval, strictly increasing, whole lines.
        string[] rows = File.ReadAllLines(Path.Combine(dir, "aggregated.csv"));
        Assert.StartsWith("Timestamp,Trades,TotalQty", rows[0], StringComparison.Ordinal);
        var starts = rows.Skip(1).Select(r => DateTime.Parse(r.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.True(p.Second > p.First));
        Assert.Equal(s.GetProperty("rows").GetInt64(), rows.Length - 1);

        // deltascout.log: one JSON object per line, one per signal the detector raised.
        string[] peaks = File.ReadAllLines(Path.Combine(dir, "deltascout.log"));
        Assert.All(peaks, line => Assert.Equal("PEAK", JsonDocument.Parse(line).RootElement.GetProperty("action").GetString()));
        Assert.Equal(s.GetProperty("peaks").GetInt64(), peaks.Length);

        // bars.csv: the header of the issue, 19 cells per line; indicators empty only while warming up.
        string[] bars = File.ReadAllLines(Path.Combine(dir, "bars.csv"));
        Assert.Equal("Start,End,Open,High,Low,Close,Volume,BuyVolume,SellVolume,Delta,Vwap,Trades,EmaFast,EmaSlow,Rsi,BbUpper,BbMiddle,BbLower,Atr", bars[0]);
        Assert.All(bars.Skip(1), b => Assert.Equal(19, b.Split(',').Length));
        Assert.NotEmpty(bars[^1].Split(',')[^1]);

        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        foreach (string section in new[] { "## Throughput", "## Latency", "| end-to-end |", "latency.svg", "## Rings and memory", "## Paper trading", "Fill model: **Trades**", "## Warnings", "Native library" })
        {
            Assert.Contains(section, report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Replay_TwiceOnSample_WritesIdenticalOutputFiles()
    {
        Assert.Equal(ExitCodes.Ok, CliHarness.ReplaySample(RunDir("a")).Exit);
        Assert.Equal(ExitCodes.Ok, CliHarness.ReplaySample(RunDir("b")).Exit);

        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RunDir("a"), file)), File.ReadAllBytes(Path.Combine(RunDir("b"), file)));
        }
    }

    [Fact]
    public void Replay_Repeat2_PlaysTwiceWithContinuousTime()
    {
        var (exit, _, error) = CliHarness.ReplaySample(RunDir("r"), "--repeat", "2");

        Assert.True(exit == ExitCodes.Ok, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(RunDir("r"), "summary.json")));
        Assert.InRange(summary.RootElement.GetProperty("events").GetInt64(), 2 * CliHarness.SampleTradeCount, (2 * CliHarness.SampleTradeCount) + 1);
        string[] rows = File.ReadAllLines(Path.Combine(RunDir("r"), "aggregated.csv")).Skip(1).ToArray();
        var starts = rows.Select(r => DateTime.Parse(r.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(starts.Zip(starts.Skip(1)), p => Assert.True(p.Second > p.First, $"{p.First:O} then {p.Second:O}"));

        // The sample covers 23:54:16 to 23:59:59: a second pass, shifted by that span, runs past 00:05.
        Assert.True(starts[^1] > new DateTime(2024, 8, 9, 0, 5, 0, DateTimeKind.Utc), starts[^1].ToString("O"));
    }

    [Fact]
    public void Replay_InvalidSetting_ExitsWithConfigurationErrorNamingTheKey()
    {
        var (exit, _, error) = CliHarness.ReplaySample(RunDir("bad"), "--set", "DeltaScout:IMB_MIN=2");

        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("IMB_MIN", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(RunDir("bad"), "summary.json")));
    }

    [Fact]
    public void Replay_UnknownSetting_ExitsWithConfigurationError()
    {
        var (exit, _, error) = CliHarness.ReplaySample(RunDir("bad"), "--set", "Risk:NoSuchThing=1");

        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("Risk:NoSuchThing", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_MissingInput_ExitsWithBadInputAndCreatesNoRunDirectory()
    {
        var (exit, _, error) = CliHarness.Run(["replay", Path.Combine(_dir, "nope.csv.gz"), "--out", RunDir("x"), .. CliHarness.Unpinned]);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.Contains("nope.csv.gz", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(RunDir("x")));
    }

    [Fact]
    public void Replay_UnrecognisedInput_ExitsWithBadInput()
    {
        string junk = Path.Combine(_dir, "junk.txt");
        File.WriteAllText(junk, "hello world\n");

        Assert.Equal(ExitCodes.BadInput, CliHarness.Run(["replay", junk, "--out", RunDir("x"), .. CliHarness.Unpinned]).Exit);
    }

    [Fact]
    public void ConvertThenReplay_Recording_GivesTheSameAggregatedCsvAsTheCsv()
    {
        string recording = Path.Combine(_dir, "sample.rec");
        var (convertExit, _, convertError) = CliHarness.Run("convert", CliHarness.SampleTrades, "--out", recording);
        Assert.True(convertExit == ExitCodes.Ok, convertError);
        Assert.Equal("ENGREC01"u8.ToArray(), File.ReadAllBytes(recording)[..8]);

        Assert.Equal(ExitCodes.Ok, CliHarness.ReplaySample(RunDir("csv")).Exit);
        var (exit, _, error) = CliHarness.Run(["replay", recording, "--config", CliHarness.SampleConfig, "--out", RunDir("rec"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(exit == ExitCodes.Ok, error);

        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RunDir("csv"), file)), File.ReadAllBytes(Path.Combine(RunDir("rec"), file)));
        }
    }

    [Fact]
    public void Replay_SeveralStatusIntervals_LatencyHlogAndHgrmReadBackByThePackage_MatchTheSavedHistograms()
    {
        // Paced so the run spans many 50 ms status intervals (about 3 s); every event is timed.
        string dir = RunDir("hlog");
        var (exit, _, error) = CliHarness.ReplaySample(dir, "--speed", "100", "--set", "Runtime:StatusIntervalSeconds=0.05");
        Assert.True(exit == ExitCodes.Ok, error);

        // Plain ASCII, as HdrHistogram's Java writer produces and users' tools read.
        byte[] bytes = File.ReadAllBytes(Path.Combine(dir, LatencyIntervalCollector.LogFileName));
        Assert.All(bytes, b => Assert.InRange(b, (byte)0x0A, (byte)0x7E));
        Assert.StartsWith("#[Histogram log format version 1.3]\n#[StartTime: ", System.Text.Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        List<HistogramBase> log;
        using (FileStream stream = File.OpenRead(Path.Combine(dir, LatencyIntervalCollector.LogFileName)))
        using (var reader = new HistogramLogReader(stream))
        {
            log = [.. reader.ReadHistograms()];
        }

        Dictionary<string, Histogram> saved = HistogramStore.Load(Path.Combine(dir, "histograms.json")).ToDictionary(s => s.Name, s => s.Histogram);
        foreach (Stage stage in Enum.GetValues<Stage>())
        {
            string name = StageLatency.NameOf(stage);
            HistogramBase[] intervals = [.. log.Where(h => h.Tag == name)];
            Assert.True(intervals.Length >= 3, $"{name}: {intervals.Length} intervals");
            for (int i = 1; i < intervals.Length; i++)
            {
                // They tile the run (the log keeps start and length in seconds to 3 decimals: the end may round by 1 ms).
                Assert.InRange(intervals[i].StartTimeStamp - intervals[i - 1].EndTimeStamp, -1, 1);
            }

            // The intervals add up to what the report and histograms.json hold.
            var sum = new LongHistogram(1, StageLatency.HighestNanos, StageLatency.SignificantDigits);
            foreach (HistogramBase h in intervals)
            {
                sum.Add(h);
            }

            Histogram total = saved[name];
            Assert.Equal(total.TotalCount, sum.TotalCount);
            if (total.TotalCount == 0)
            {
                continue;
            }

            Assert.Equal(total.MaxValue, sum.GetMaxValue());
            foreach (HistogramIterationValue slot in sum.RecordedValues())
            {
                Assert.Equal(total.CountAtValue(slot.ValueIteratedTo), slot.CountAtValueIteratedTo);
            }

            // Percentiles as HdrHistogram (Java) and the engine define them: the ceil(p/100 · N)-th value. The package's
            // own GetValueAtPercentile rounds the rank to nearest instead, so it is not the reference here.
            foreach (double p in new[] { 50.0, 90.0, 99.0, 99.9, 100.0 })
            {
                long rank = Math.Max(1, (long)Math.Ceiling((decimal)p / 100m * sum.TotalCount));
                long value = sum.RecordedValues().First(v => v.TotalCountToThisValue >= rank).ValueIteratedTo;
                Assert.Equal(total.ValueAtPercentile(p), sum.HighestEquivalentValue(value));
            }

            // The .hgrm, read back: its footer and every row agree with the package's reading of the same values.
            HgrmFile hgrm = HgrmFile.Parse(File.ReadAllText(Path.Combine(dir, name + ".hgrm")));
            Assert.Equal(sum.TotalCount, hgrm.TotalCount);
            Assert.Equal(sum.GetMaxValue() / 1000.0, hgrm.Max, precision: 3);
            foreach (HgrmRow row in hgrm.Rows)
            {
                long nanos = (long)Math.Round(row.Value * 1000);
                Assert.Equal(sum.RecordedValues().Where(v => v.ValueIteratedTo <= nanos).Sum(v => v.CountAddedInThisIterationStep), row.TotalCount);
            }
        }

        Assert.True(saved["end-to-end"].TotalCount > 10_000);
    }

    [Fact]
    public void Report_OnRunDirectory_RerendersTheSameLatencyFigures()
    {
        string dir = RunDir("a");
        Assert.Equal(ExitCodes.Ok, CliHarness.ReplaySample(dir).Exit);
        string summaryBefore = File.ReadAllText(Path.Combine(dir, "summary.json"));
        string tableBefore = File.ReadAllText(Path.Combine(dir, "latency.md"));
        File.Delete(Path.Combine(dir, "report.md"));
        File.Delete(Path.Combine(dir, "end-to-end.hgrm"));

        var (exit, output, error) = CliHarness.Run("report", dir);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Equal(Path.Combine(dir, "report.md"), output.TrimEnd('\n').Split('\n')[^1]);
        Assert.True(File.Exists(Path.Combine(dir, "end-to-end.hgrm")));
        Assert.Equal(summaryBefore, File.ReadAllText(Path.Combine(dir, "summary.json")));
        Assert.Equal(tableBefore, File.ReadAllText(Path.Combine(dir, "latency.md")));
    }

    [Fact]
    public void Report_OnASummaryWithoutTheWarmupFigures_ShowsItsOneRateAsTheOverallRate()
    {
        string dir = RunDir("older");
        Assert.Equal(ExitCodes.Ok, CliHarness.ReplaySample(dir).Exit);
        string path = Path.Combine(dir, "summary.json");
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        foreach (string key in new[] { "eventsPerSecondOverall", "throughputAfterWarmup", "measuredEvents", "measuredSeconds" })
        {
            Assert.True(summary.Remove(key), key); // as written before the engine measured after its warm-up
        }

        summary["eventsPerSecond"] = 1234567;
        File.WriteAllText(path, summary.ToJsonString());

        var (exit, _, error) = CliHarness.Run("report", dir);

        Assert.True(exit == ExitCodes.Ok, error);
        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("| (not measured by the engine that ran it) | 1234567 |", report, StringComparison.Ordinal);
        Assert.Contains("measured only the overall rate", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OnMissingDirectory_ExitsWithBadInput() =>
        Assert.Equal(ExitCodes.BadInput, CliHarness.Run("report", RunDir("none")).Exit);

    [Fact]
    public void Replay_TradesOfAnUnconfiguredSymbol_AreCountedNotFatal()
    {
        string eth = Path.Combine(_dir, "ETHUSDT-trades-x.csv");
        File.WriteAllText(eth, "id,price,qty,time,is_buyer_maker\n1,2600.10,0.5,1723161256322,false\n2,2600.20,0.4,1723161256400,true\n");

        var (exit, _, error) = CliHarness.ReplaySample(RunDir("u"), eth);

        Assert.True(exit == ExitCodes.Ok, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(RunDir("u"), "summary.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("unknownSymbolEvents").GetInt64());
    }

    [Fact]
    public void Replay_OfARunsAggregatedCsv_ReproducesItsRowsAndPeaks()
    {
        Assert.Equal(ExitCodes.Ok, CliHarness.ReplaySample(RunDir("trades")).Exit);

        var (exit, _, error) = CliHarness.Run(["replay", Path.Combine(RunDir("trades"), "aggregated.csv"), "--config", CliHarness.SampleConfig, "--out", RunDir("rows"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.True(exit == ExitCodes.Ok, error);
        foreach (string file in new[] { "aggregated.csv", "deltascout.log" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(RunDir("trades"), file)), File.ReadAllBytes(Path.Combine(RunDir("rows"), file)));
        }
    }
}
