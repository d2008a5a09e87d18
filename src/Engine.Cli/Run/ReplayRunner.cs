using System.Globalization;
using Engine.Binance.Sequencing;
using Engine.Cli.Configuration;
using Engine.Cli.Journal;
using Engine.Cli.Status;
using Engine.Interop;
using Engine.Metrics;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// Runs <c>engine replay</c>: recognises the inputs, creates the run directory, runs the pipeline with the journal
/// handler and status lines, and writes the report. A stop request ends the feed; the run still drains, flushes
/// and reports. Returns the path of report.md and the exit code (bad input when an input was found cut or corrupt
/// part-way: the run stopped there and reported what it had).
/// </summary>
public static class ReplayRunner
{
    private const int JournalLineBatchBytes = 64 * 1024;

    public static string Run(ReplayRequest request, TextWriter output, TextWriter errors, bool interactive, Func<string?>? stopReason, CancellationToken stop) =>
        RunWithVerdict(request, output, errors, interactive, stopReason, stop).ReportPath;

    /// <summary>Runs the replay; returns the path of report.md, the verdict's console lines (<see cref="RunVerdict"/>) and the exit code.</summary>
    public static ReplayOutcome RunWithVerdict(ReplayRequest request, TextWriter output, TextWriter errors, bool interactive, Func<string?>? stopReason, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (request.Files.Count == 0)
        {
            throw new ConfigurationException("replay: give at least one input file");
        }

        if (request.Repeat < 1)
        {
            throw new ConfigurationException($"--repeat {request.Repeat}: must be 1 or more");
        }

        if (request.Speed is double x && (!(x > 0) || double.IsInfinity(x)))
        {
            throw new ConfigurationException($"--speed {x}: must be a finite number above 0 (omit it to play as fast as possible)");
        }

        // Everything is checked before anything is created: bad input leaves no run directory behind.
        var inputs = request.Files.Select(f => new ReplayInput(f, InputDetector.Detect(f))).ToList();
        bool paced = request.Speed is not null;
        PipelineOptions options = PipelineSetup.ToPipelineOptions(request.Options, paced);
        PipelineRuntime runtime = PipelineSetup.ToPipelineRuntime(request.Options, paced);
        string directory = CreateRunDirectory(request.OutputDirectory);
        try
        {
            File.WriteAllLines(Path.Combine(directory, "config.txt"), request.Effective.Select(e => $"{e.Key} = {e.Value}  ({e.Origin})"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot write config.txt: {e.Message}", e);
        }

        NativeLibraryStatus.WriteStartupNoticeOnce(errors);
        using MemoryLock memory = MemoryLock.Acquire(request.Options.Runtime.LockMemory);
        var warnings = new List<string>();
        if (memory.Warning is not null)
        {
            warnings.Add(memory.Warning);
        }

        var registry = new SymbolRegistry(options.Symbols.Select(s => s.Name));
        SymbolId configured = new(0);
        string started = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        // Text lines go to the OS a batch at a time (the journal flushes whenever the output ring runs empty): one system
        // call per line would cost more than the engine's work on the trades behind it.
        using RunJournal journal = CreateJournal(directory, options);
        using var replay = new ReplayFeed(inputs, request.Repeat, registry.Count, options.IntervalMs,
            (input, repeat) => InputDetector.Open(input.Path, input.Kind, registry, configured, options.IntervalMs, repeat, request.SymbolGiven));
        using var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var ordered = new TradeReorderBuffer(replay, registry.Count, request.Options.Run.ReorderWindowMs);

        // An event journal is the engine's input as the run saw it: in order already, and the interleaving of its symbols
        // and of its non-trade events is part of what the run did, so no trade is held back to be put in id order.
        IInputFeed source = inputs.All(i => i.Kind == InputKind.EventJournal) ? replay : ordered;
        IInputFeed feed = paced ? new EventTimePacedFeed(source, request.Speed!.Value, runStop.Token, request.Options.Runtime.PaceSlackMs) : source;
        var pipeline = new EnginePipeline<JournalHandler>(options, runtime, new JournalHandler(journal));

        // No trading without a journal: when a file cannot be written (disk full), the engine halts new entries and
        // the feed stops; the run drains what is in flight and reports.
        journal.OnOutputFailure = _ =>
        {
            pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, journal.LastTimeMs));
            runStop.Cancel();
        };
        if (request.Options.Run.WarmStart is { } warmFile)
        {
            warnings.Add(WarmStarter.Prime(pipeline.Engine, warmFile, configured, options.IntervalMs));
        }

        RunStatistics stats;
        using var latency = new LatencyIntervalCollector(pipeline.Engine.Latency, Path.Combine(directory, LatencyIntervalCollector.LogFileName), runtime.WarmupEvents > 0);
        using (var status = new StatusReporter(
            () => Snapshot(pipeline, latency), TimeSpan.FromSeconds(request.Options.Runtime.StatusIntervalSeconds), output, interactive, latency.Collect))
        {
            status.Start();
            stats = pipeline.Run(feed, runStop.Token);
        }

        latency.Complete(); // the engine thread and the status thread have stopped: the last interval
        journal.OnOutputFailure = null; // the pipeline is done: a failure while closing the files is only reported

        replay.Dispose();
        journal.Flush();
        JournalTotals files = journal.Summary;
        warnings.AddRange(stats.Warnings);
        if (files.Errors > 0)
        {
            warnings.Add($"journal: {files.Errors} events could not be written; first: {files.FirstError}");
        }

        warnings.AddRange(replay.Problems);
        if (latency.LogError is not null)
        {
            warnings.Add($"latency log not complete: {latency.LogError}");
        }

        if (journal.OutputFailure is not null)
        {
            warnings.Add($"output: {journal.OutputFailure}; the engine halted trading and the feed stopped there; journal.db keeps whole transactions and the text files whole lines up to it; {journal.NotWritten} outputs after it were not written");
        }

        if (replay.InputError is not null)
        {
            warnings.Add($"input cut: {replay.InputError}; the run stopped there: everything before it was played and is kept, nothing after it");
            errors.WriteLine($"engine: bad input: {replay.InputError} (the run stopped there; its report is written)");
        }

        if (ordered.Late + ordered.Duplicates + ordered.Gaps > 0)
        {
            warnings.Add($"trade ids: {ordered.Late} trades arrived after a higher id of their symbol: {ordered.Reordered} put back in id order within the {ordered.WindowMs} ms reorder window, {ordered.DroppedLate} dropped as later than it; {ordered.Duplicates} duplicate ids dropped; {ordered.Gaps} id gaps ({ordered.MissingIds} ids missing)");
        }

        EngineCounters c = pipeline.Engine.Counters;
        var summary = new RunSummary
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
            UnknownSymbolEvents = c.UnknownSymbolEvents + replay.UnknownSymbolLines,
            MalformedLines = replay.MalformedLines,
            Symbol = options.Symbols[0].Name,
            Trades = c.Trades,
            LateTrades = pipeline.Engine.LateTrades,
            SkippedSymbols = replay.SkippedSymbols,
            LatencyBudgetMs = request.Options.Runtime.LatencyBudgetMs,
            OutOfOrderTrades = ordered.Late,
            ReorderedTrades = ordered.Reordered,
            DroppedLateTrades = ordered.DroppedLate,
            DuplicateTrades = ordered.Duplicates,
            IdGaps = ordered.Gaps,
            MissingIds = ordered.MissingIds,
            ReorderWindowMs = ordered.WindowMs,
            Rows = files.Rows,
            IntervalsLeftOpen = files.IntervalsLeftOpenDescribed,
            Bars = files.Bars,
            Peaks = files.Peaks,
            FillModel = pipeline.Engine.Venue?.FillModel.ToString() ?? "None",
            LatencySampleEvery = options.LatencySampleEvery,
            Speed = request.Speed,
            Repeat = request.Repeat,
            OutputError = journal.OutputFailure,
            InputCut = replay.InputError is not null,
            InputError = replay.InputError,
            Interrupted = stop.IsCancellationRequested,
            StopReason = stop.IsCancellationRequested ? stopReason?.Invoke() : null,
            StartedUtc = started,
            Inputs = request.Files,
            Warnings = warnings,
            NativeLibrary = NativeLibraryStatus.StartupNotice,
            EngineFaults = stats.EngineFaults,
            JournalFaults = stats.JournalFaults,
        };

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

        return new ReplayOutcome(report, replay.InputError is not null ? ExitCodes.BadInput : ExitCodes.Ok, RunVerdict.ConsoleLines(written));
    }

    private static RunJournal CreateJournal(string directory, PipelineOptions options)
    {
        try
        {
            return RunJournal.Create(directory, [.. options.Symbols.Select(s => s.Name)], new RunJournalOptions { LineBatchBytes = JournalLineBatchBytes });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot create the run's files: {e.Message}", e);
        }
    }

    private static string CreateRunDirectory(string? requested)
    {
        string directory = requested ?? Path.Combine("runs", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        if (File.Exists(Path.Combine(directory, RunJournal.AggregatedFileName)) || File.Exists(Path.Combine(directory, RunReportWriter.SummaryFileName)))
        {
            throw new ConfigurationException($"--out {directory}: already holds a run; choose a new directory");
        }

        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot create the run directory: {e.Message}", e);
        }

        return Path.GetFullPath(directory);
    }

    private static StatusSnapshot Snapshot(EnginePipeline<JournalHandler> pipeline, LatencyIntervalCollector latency)
    {
        AccountFigures f = pipeline.Engine.PublishedAccount.Read(); // never the engine's live state
        return new StatusSnapshot(
            pipeline.EventsDone, pipeline.InputDepth, f.Signals, f.Orders, f.Cancels, f.Fills, f.NetPnl.ToDecimal(),
            latency.LastIntervalP99Nanos,
            -1);
    }
}
