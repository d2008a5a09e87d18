using Engine.Cli.Journal;
using Engine.Cli.Status;
using Engine.Interop;
using Engine.Metrics;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// What every run (replay or paper) does once its pipeline has returned: the warnings of the journal and latency log,
/// the summary's engine, journal and memory figures, the report files, and the exit code an output failure gives.
/// </summary>
public static class RunCompletion
{
    /// <summary>The status line's figures: what the engine published, never its live state.</summary>
    public static StatusSnapshot Snapshot(EnginePipeline<JournalHandler> pipeline, LatencyIntervalCollector latency)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(latency);
        AccountFigures f = pipeline.Engine.PublishedAccount.Read();
        return new StatusSnapshot(
            pipeline.EventsDone, pipeline.InputDepth, f.Signals, f.Orders, f.Cancels, f.Fills, f.NetPnl.ToDecimal(),
            latency.LastIntervalP99Nanos,
            -1);
    }

    /// <summary>The pipeline's, the journal's and the latency log's warnings (the journal is flushed first).</summary>
    public static List<string> Warnings(RunStatistics stats, RunJournal journal, LatencyIntervalCollector latency, IEnumerable<string> before)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(latency);
        var warnings = new List<string>(before);
        JournalTotals files = journal.Summary;
        warnings.AddRange(stats.Warnings);
        if (files.Errors > 0)
        {
            warnings.Add($"journal: {files.Errors} events could not be written; first: {files.FirstError}");
        }

        if (latency.LogError is not null)
        {
            warnings.Add($"latency log not complete: {latency.LogError}");
        }

        if (journal.OutputFailure is not null)
        {
            warnings.Add($"output: {journal.OutputFailure}; the engine halted trading and the feed stopped there; journal.db keeps whole transactions and the text files whole lines up to it; {journal.NotWritten} outputs after it were not written");
        }

        return warnings;
    }

    /// <summary>The summary's figures that every run has: throughput, trading, memory, rings, rows and bars, faults.</summary>
    public static RunSummary Summary(RunStatistics stats, EnginePipeline<JournalHandler> pipeline, RunJournal journal, PipelineOptions options, double latencyBudgetMs)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(options);
        EngineCounters c = pipeline.Engine.Counters;
        JournalTotals files = journal.Summary;
        return new RunSummary
        {
            Events = stats.Events,
            EventsPerSecond = Math.Round(stats.EventsPerSecond),
            ElapsedSeconds = stats.Elapsed.TotalSeconds,
            EventsPerSecondOverall = Math.Round(stats.OverallEventsPerSecond),
            ThroughputAfterWarmup = stats.MeasuredAfterWarmup,
            MeasuredEvents = stats.MeasuredAfterWarmup ? stats.MeasuredEvents : stats.Events,
            MeasuredSeconds = stats.MeasuredAfterWarmup ? stats.MeasuredElapsed.TotalSeconds : stats.Elapsed.TotalSeconds,
            Signals = c.Signals,
            SignalsAdmitted = c.SignalsAdmitted,
            StopRuleAtr = files.AdmittedWithStopRule(Risk.StopRule.Atr),
            StopRuleSwing = files.AdmittedWithStopRule(Risk.StopRule.Swing),
            StopRuleFixedPercent = files.AdmittedWithStopRule(Risk.StopRule.FixedPercent),
            Orders = files.Orders,
            Cancels = files.Cancels,
            Fills = c.Fills,
            PositionsClosed = files.Positions,
            WinningPositions = files.Wins,
            RealizedPnl = files.RealizedPnl,
            FeesPaid = files.FillFees,
            NetPnl = files.RealizedPnl - files.FillFees,
            GcCollections = new GcFigures { Gen0 = stats.Gen0Collections, Gen1 = stats.Gen1Collections, Gen2 = stats.Gen2Collections },
            AllocatedBytesEngineThread = stats.EngineAllocatedBytes,
            AllocatedBytesEngineThreadAfterWarmup = stats.EngineAllocatedBytesAfterWarmup,
            InputRingFullCount = stats.InputRingFullCount,
            OutputRingFullCount = stats.OutputRingFullCount,
            UnknownSymbolEvents = c.UnknownSymbolEvents,
            Symbol = string.Join(",", options.Symbols.Select(s => s.Name)),
            Trades = c.Trades,
            LateTrades = pipeline.Engine.LateTrades,
            LatencyBudgetMs = latencyBudgetMs,
            Rows = files.Rows,
            IntervalsLeftOpen = files.IntervalsLeftOpenDescribed,
            FeedGaps = files.FeedGapsDescribed,
            Bars = files.Bars,
            Peaks = files.Peaks,
            FillModel = pipeline.Engine.Venue?.FillModel.ToString() ?? "None",
            LatencySampleEvery = options.LatencySampleEvery,
            OutputError = journal.OutputFailure,
            NativeLibrary = NativeLibraryStatus.StartupNotice,
            EngineFaults = stats.EngineFaults,
            JournalFaults = stats.JournalFaults,
        };
    }

    /// <summary>
    /// Writes the report files; returns report.md's path, the exit code (output error when the journal failed, else
    /// <paramref name="exitCode"/>) and the verdict's console lines.
    /// </summary>
    public static ReplayOutcome Finish(string directory, RunSummary summary, LatencyIntervalCollector latency, RunJournal journal, TextWriter errors, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(latency);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(errors);
        var series = new List<(string, Histogram)>();
        foreach (Stage stage in Enum.GetValues<Stage>())
        {
            series.Add((StageLatency.NameOf(stage), latency.Totals[stage]));
        }

        string report;
        RunSummary written;
        try
        {
            (report, written) = RunReportWriter.WriteAll(directory, summary, series);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string after = journal.OutputFailure is null ? string.Empty : $" (after the journal's {journal.OutputFailure}; the engine halted trading and stopped the feed)";
            throw new OutputException($"{directory}: the report could not be written: {e.Message}{after}", e);
        }

        if (journal.OutputFailure is not null)
        {
            errors.WriteLine($"engine: cannot write output: {journal.OutputFailure}; the engine halted trading and stopped the feed; what was written is whole");
            return new ReplayOutcome(report, ExitCodes.OutputError, RunVerdict.ConsoleLines(written));
        }

        return new ReplayOutcome(report, exitCode, RunVerdict.ConsoleLines(written));
    }
}
