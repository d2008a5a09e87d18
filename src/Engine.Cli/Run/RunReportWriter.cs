using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Metrics;
using Engine.Metrics.Reporting;

namespace Engine.Cli.Run;

/// <summary>
/// Writes a run's report files into its directory from the summary and the latency histograms: the raw histograms
/// (<see cref="HistogramStore"/>), an <c>.hgrm</c> per series with the SVG chart (<see cref="LatencyReport.WriteTo"/>),
/// <c>summary.json</c> and <c>report.md</c>. <c>engine report</c> calls it again on the saved histograms.
/// </summary>
public static class RunReportWriter
{
    public const string SummaryFileName = "summary.json";
    public const string ReportFileName = "report.md";
    public const string EndToEnd = "end-to-end";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Writes every report file; returns the path of report.md.</summary>
    public static string Write(string directory, RunSummary summary, IReadOnlyList<(string Name, Histogram Histogram)> series, bool saveHistograms = true) =>
        WriteAll(directory, summary, series, saveHistograms).Report;

    /// <summary>Writes every report file; returns the path of report.md and the summary as written (with its latency figures).</summary>
    public static (string Report, RunSummary Summary) WriteAll(string directory, RunSummary summary, IReadOnlyList<(string Name, Histogram Histogram)> series, bool saveHistograms = true)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(series);
        var latency = new LatencyReport("Engine thread latency");
        foreach ((string name, Histogram h) in series)
        {
            latency.Add(name, h);
        }

        Histogram? endToEnd = series.FirstOrDefault(s => s.Name == EndToEnd).Histogram;
        if (endToEnd is not null)
        {
            summary = summary with
            {
                LatencyNs = new LatencyFigures
                {
                    P50 = endToEnd.ValueAtPercentile(50), P99 = endToEnd.ValueAtPercentile(99), P999 = endToEnd.ValueAtPercentile(99.9),
                    P9999 = endToEnd.ValueAtPercentile(99.99), Max = endToEnd.MaxValue, Count = endToEnd.TotalCount,
                },
            };
        }

        // The small files that say what happened first: with little disk left, they are the ones worth having.
        WriteAtomically(Path.Combine(directory, SummaryFileName), JsonSerializer.Serialize(summary, Json) + "\n");
        string report = Path.Combine(directory, ReportFileName);
        WriteAtomically(report, ToMarkdown(summary, latency));
        if (saveHistograms)
        {
            HistogramStore.Save(Path.Combine(directory, HistogramStore.FileName), series);
        }

        latency.WriteTo(directory, (long)Math.Round(summary.LatencyBudgetMs * 1_000_000));
        return (report, summary);
    }

    public static RunSummary ReadSummary(string directory)
    {
        string path = Path.Combine(directory, SummaryFileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no summary (not a run directory?)", path);
        }

        try
        {
            return JsonSerializer.Deserialize<RunSummary>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty summary");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a run summary ({ex.Message})", ex);
        }
    }

    public static string ToMarkdown(RunSummary s, LatencyReport latency)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(latency);
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine("# Engine run report").AppendLine();
        foreach (string line in RunVerdict.MarkdownLines(s))
        {
            md.AppendLine(line);
        }

        md.AppendLine();
        md.AppendLine("## Run").AppendLine();
        md.AppendLine(inv, $"- Started: {s.StartedUtc}");
        md.AppendLine(inv, $"- Inputs: {string.Join(", ", s.Inputs.Select(i => $"`{i}`"))}");
        if (!string.IsNullOrEmpty(s.Symbol))
        {
            md.AppendLine(inv, $"- Symbol: {s.Symbol} ({s.Trades} trades processed)");
        }

        md.AppendLine(s.Live is not null ? "- Pace: live (events enter as the feed receives them)"
            : string.Create(inv, $"- Pace: {(s.Speed is double x ? $"recorded speed × {x}" : "as fast as possible")}, repeat {s.Repeat}"));
        md.AppendLine(inv, $"- Latency budget: {RunVerdict.Duration((long)Math.Round(s.LatencyBudgetMs * 1_000_000))} end to end (`Runtime:LatencyBudgetMs`)");
        string ended = s.OutputError is not null ? "stopped: output could not be written; trading halted (see Warnings)"
            : s.InputCut ? "stopped at an input cut or damaged part-way (see Warnings)"
            : s.Interrupted || s.Live is not null ? $"stopped by {s.StopReason ?? "request"} (feed stopped, rings drained, files flushed)"
            : "end of input";
        md.AppendLine(inv, $"- Ended: {ended}");
        md.AppendLine();

        md.AppendLine("## Throughput").AppendLine();
        md.AppendLine("| Events | Elapsed (s) | Events/s after warm-up | Events/s overall | Rows | Bars | Unknown-symbol events | Malformed lines |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        // A summary written before the engine measured after its warm-up has no overall rate: its one rate was overall.
        bool olderSummary = s.EventsPerSecondOverall == 0 && s.EventsPerSecond > 0 && !s.ThroughputAfterWarmup;
        double overall = olderSummary ? s.EventsPerSecond : s.EventsPerSecondOverall;
        string measured = s.ThroughputAfterWarmup ? string.Create(inv, $"{s.EventsPerSecond:F0}")
            : olderSummary ? "(not measured by the engine that ran it)" : "(run shorter than the warm-up)";
        md.AppendLine(inv, $"| {s.Events} | {s.ElapsedSeconds:F3} | {measured} | {overall:F0} | {s.Rows} | {s.Bars} | {s.UnknownSymbolEvents} | {s.MalformedLines} |");
        md.AppendLine();
        foreach (string open in s.IntervalsLeftOpen)
        {
            md.AppendLine(inv, $"Interval left open at the end of the input (partial, so not a row of `aggregated.csv` and not seen by DeltaScout; a longer input closes it): {open}.");
            md.AppendLine();
        }

        foreach (string gap in s.FeedGaps)
        {
            md.AppendLine(inv, $"Gap in the trades (the feed could not backfill these ids; journal.db `feed_gaps`): {gap}.");
            md.AppendLine();
        }
        md.AppendLine(s.ThroughputAfterWarmup
            ? string.Create(inv, $"Events/s after warm-up (`eventsPerSecond` in `summary.json`): the {s.MeasuredEvents} events after the warm-up over the {s.MeasuredSeconds:F3} s the engine thread took from the warm-up's end to the end of the input. Overall: every event over the whole run, start-up (compilation) and the journal's final drain included.")
            : olderSummary
                ? "This run's summary comes from an engine that measured only the overall rate: every event over the whole run, start-up included."
                : "The run ended before its warm-up did, so `eventsPerSecond` in `summary.json` is the overall rate: every event over the whole run, start-up included.");
        md.AppendLine();

        if (s.Live is not null)
        {
            LiveReportSection.AppendTo(md, s.Live);
        }

        md.AppendLine("## Latency").AppendLine();
        string sampled = s.LatencySampleEvery > 1
            ? string.Create(inv, $"one event in {s.LatencySampleEvery} timed (as-fast-as-possible replay: timing every event would cost more than the stages)")
            : "every event timed";
        md.AppendLine(inv, $"Measured on the engine thread from an event entering the process (for a paced replay, the moment the feed releases it at its due time) to its last stage finishing; {sampled}. `signal-to-order` runs from the signal emitted to the entry order request published. Raw histograms: `{HistogramStore.FileName}`, one `.hgrm` per series.");
        if (s.Speed is null && s.Live is null)
        {
            md.AppendLine();
            md.AppendLine("As fast as possible, the feed runs ahead of the engine and events wait in the input ring, so `queue` and `end-to-end` measure that backlog, not the engine; the per-stage rows are the engine's own cost. For latency under a realistic load, replay with `--speed` or run `bench/Engine.Latency pipeline`.");
        }
        md.AppendLine();
        md.AppendLine(latency.ToMarkdownTable().TrimEnd());
        md.AppendLine();
        md.AppendLine("![latency by percentile](latency.svg)").AppendLine();

        md.AppendLine("## Rings and memory").AppendLine();
        md.AppendLine("| Input ring full | Output ring full | GC gen0 | GC gen1 | GC gen2 | Engine-thread bytes allocated | after warm-up |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(inv, $"| {s.InputRingFullCount} | {s.OutputRingFullCount} | {s.GcCollections.Gen0} | {s.GcCollections.Gen1} | {s.GcCollections.Gen2} | {s.AllocatedBytesEngineThread} | {s.AllocatedBytesEngineThreadAfterWarmup} |");
        md.AppendLine();

        if (s.Live is { Trading.Count: > 0 })
        {
            md.AppendLine("## Trading").AppendLine();
            md.AppendLine("Orders went to the venue (engine live): fills are the venue's, as its reports said.");
        }
        else
        {
            md.AppendLine("## Paper trading").AppendLine();
            md.AppendLine(inv, $"Fill model: **{s.FillModel}** (resting orders filled against {(s.FillModel == "Bars" ? "bar highs and lows" : "the trades of the input")}).");
        }

        md.AppendLine();
        md.AppendLine("| Signals | Admitted | Orders | Fills | Positions closed | Winners | Realized PnL | Fees | Net PnL |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        md.AppendLine(inv, $"| {s.Signals} | {s.SignalsAdmitted} | {s.Orders} | {s.Fills} | {s.PositionsClosed} | {s.WinningPositions} | {s.RealizedPnl:F2} | {s.FeesPaid:F2} | {s.NetPnl:F2} |");
        md.AppendLine();
        md.AppendLine(inv, $"Stop rule of the admitted signals (contracts §4): ATR × ATR_MULT {s.StopRuleAtr}, swing {s.StopRuleSwing}, fixed-percent fallback {s.StopRuleFixedPercent}.");
        md.AppendLine();

        md.AppendLine("## Warnings").AppendLine();
        md.AppendLine(inv, $"- Native library: {s.NativeLibrary}");
        if (s.EngineFaults + s.JournalFaults > 0)
        {
            md.AppendLine(inv, $"- Handler faults: engine {s.EngineFaults}, journal {s.JournalFaults} (events skipped)");
        }

        foreach (string w in s.Warnings)
        {
            md.AppendLine(inv, $"- {w}");
        }

        return md.ToString();
    }

    /// <summary>Writes to a temporary file and renames it over the target, so a reader never sees half a file.</summary>
    private static void WriteAtomically(string path, string content)
    {
        string temp = path + ".tmp";
        try
        {
            File.WriteAllText(temp, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
