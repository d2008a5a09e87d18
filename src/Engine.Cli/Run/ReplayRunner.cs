using Engine.Binance.Sequencing;
using Engine.Cli.Configuration;
using Engine.Cli.Control;
using Engine.Cli.Journal;
using Engine.Cli.Status;
using Engine.EventLog;
using Engine.Interop;
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
        string directory = RunDirectory.Create(request.OutputDirectory);
        RunDirectory.WriteConfig(directory, request.Effective);

        NativeLibraryStatus.WriteStartupNoticeOnce(errors);
        using MemoryLock memory = MemoryLock.Acquire(request.Options.Runtime.LockMemory);
        var before = new List<string>();
        if (memory.Warning is not null)
        {
            before.Add(memory.Warning);
        }

        var registry = new SymbolRegistry(options.Symbols.Select(s => s.Name));
        SymbolId configured = new(0);
        string started = RunDirectory.Now();

        // Text lines go to the OS a batch at a time (the journal flushes whenever the output ring runs empty).
        using RunJournal journal = RunDirectory.CreateJournal(directory, options);
        using var replay = new ReplayFeed(inputs, request.Repeat, registry.Count, options.IntervalMs,
            (input, repeat) => InputDetector.Open(input.Path, input.Kind, registry, configured, options.IntervalMs, repeat, request.SymbolGiven));
        using var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        TradeStreamSurvey streams = ReplayTradeStreams.Survey(inputs, registry.Count,
            input => InputDetector.Open(input.Path, input.Kind, registry, configured, options.IntervalMs, 1, request.SymbolGiven));
        var selected = new TradeStreamSelector(replay, streams.HoldsBoth, request.Options.Run.TradeStream == TradeStream.AggTrade);
        var ordered = new TradeReorderBuffer(streams.AnyHoldsBoth ? selected : replay, registry.Count, request.Options.Run.ReorderWindowMs);

        // An event journal is the engine's input as the run saw it: in order already, and the interleaving of its symbols
        // and of its non-trade events is part of what the run did, so no trade is held back to be put in id order.
        // One recording whose trades are consecutive per symbol (as `engine convert` writes archive files) has nothing to
        // reorder: the buffer would pass every trade through, at a fifth of the feed thread's time.
        bool inOrder = inputs.Count == 1 && inputs[0].Kind == InputKind.Recording && streams.Consecutive && !streams.AnyHoldsBoth;
        IInputFeed source = inputs.All(i => i.Kind == InputKind.EventJournal) || inOrder ? replay : ordered;
        IInputFeed feed = paced ? new EventTimePacedFeed(source, request.Speed!.Value, runStop.Token, request.Options.Runtime.PaceSlackMs) : source;
        using EventJournalWriter? events = EventJournalFor(request.Options, directory, options);
        var pipeline = new EnginePipeline<JournalHandler>(options, runtime, new JournalHandler(journal), new PipelineAttachments { InputConsumer = events });

        // No trading without a journal: when a file cannot be written (disk full), the engine halts new entries and
        // the feed stops; the run drains what is in flight and reports.
        journal.OnOutputFailure = _ =>
        {
            pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, journal.LastTimeMs));
            runStop.Cancel();
        };
        if (events is not null)
        {
            // Nor without the event journal, when one is kept: a run that cannot be restarted from it stops trading.
            events.OnFailure = _ =>
            {
                pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, journal.LastTimeMs));
                runStop.Cancel();
            };
        }

        if (request.Options.Run.WarmStart is { } warmFile)
        {
            before.Add(WarmStarter.Prime(pipeline.Engine, warmFile, configured, options.IntervalMs));
        }

        RunStatistics stats;
        ControlServer? control = ControlServer.TryStart(directory, c => pipeline.TryPublish(in c), pipeline.Engine.PublishedAccount.Read, before);
        using var latency = new LatencyIntervalCollector(pipeline.Engine.Latency, Path.Combine(directory, LatencyIntervalCollector.LogFileName), runtime.WarmupEvents > 0);
        using (var status = new StatusReporter(
            () => RunCompletion.Snapshot(pipeline, latency), TimeSpan.FromSeconds(request.Options.Runtime.StatusIntervalSeconds), output, interactive, latency.Collect))
        {
            status.Start();
            stats = pipeline.Run(feed, runStop.Token);
        }

        control?.Dispose(); // `engine ctl` reaches a run only while its engine runs

        latency.Complete(); // the engine thread and the status thread have stopped: the last interval
        journal.OnOutputFailure = null; // the pipeline is done: a failure while closing the files is only reported

        replay.Dispose();
        journal.Flush();
        List<string> warnings = RunCompletion.Warnings(stats, journal, latency, before);
        warnings.AddRange(replay.Problems);
        foreach (string line in ReplayTradeStreams.Describe(streams, selected, registry))
        {
            warnings.Add(line);
            output.WriteLine($"engine: {line}");
        }

        if (events is not null)
        {
            events.Dispose(); // the input consumer has stopped: the last commit, then closed
            if (events.Failure is not null)
            {
                warnings.Add($"event journal: {events.Failure}; {events.NotWritten} events after it not written");
            }
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

        RunSummary summary = RunCompletion.Summary(stats, pipeline, journal, options, request.Options.Runtime.LatencyBudgetMs) with
        {
            UnknownSymbolEvents = pipeline.Engine.Counters.UnknownSymbolEvents + replay.UnknownSymbolLines,
            MalformedLines = replay.MalformedLines,
            SkippedSymbols = replay.SkippedSymbols,
            OutOfOrderTrades = ordered.Late,
            ReorderedTrades = ordered.Reordered,
            DroppedLateTrades = ordered.DroppedLate,
            DuplicateTrades = ordered.Duplicates,
            IdGaps = ordered.Gaps,
            MissingIds = ordered.MissingIds,
            ReorderWindowMs = ordered.WindowMs,
            Speed = request.Speed,
            Repeat = request.Repeat,
            InputCut = replay.InputError is not null,
            InputError = replay.InputError,
            Interrupted = stop.IsCancellationRequested,
            StopReason = stop.IsCancellationRequested ? stopReason?.Invoke() : null,
            StartedUtc = started,
            Inputs = request.Files,
            Warnings = warnings,
        };
        return RunCompletion.Finish(directory, summary, latency, journal, errors, replay.InputError is not null ? ExitCodes.BadInput : ExitCodes.Ok);
    }

    /// <summary>The event journal of the run's input (<c>EventJournal:Enabled</c>), as paper and live runs write it.</summary>
    private static EventJournalWriter? EventJournalFor(EngineOptions settings, string directory, PipelineOptions options)
    {
        if (!settings.EventJournal.Enabled)
        {
            return null;
        }

        try
        {
            return EventJournalWriter.Create(Path.Combine(directory, EventJournal.FileName), [.. options.Symbols.Select(s => s.Name)], settings.EventJournal.ToOptions());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException($"--out {directory}: cannot create {EventJournal.FileName}: {e.Message}", e);
        }
    }
}
