using Engine.Binance.ExchangeInfo;
using Engine.Cli.Configuration;
using Engine.Cli.Control;
using Engine.Cli.Journal;
using Engine.Cli.Status;
using Engine.Interop;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// Runs <c>engine paper</c>: reads exchangeInfo from the venue (filters of every symbol, rate limits), creates the run
/// directory and journal exactly as a replay does, runs the live pipeline with the paper venue while the feed publishes
/// market data, refreshes exchangeInfo periodically, and on <c>--duration</c>, Ctrl-C or SIGTERM stops the feed,
/// drains, and writes the report with the feed's figures.
/// </summary>
public static class PaperRunner
{
    private static readonly TimeSpan LongestStartWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FeedStopWait = TimeSpan.FromSeconds(30);

    public static ReplayOutcome Run(PaperRequest request, TextWriter output, TextWriter errors, bool interactive, Func<string?>? stopReason, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        EngineOptions config = request.Options;
        BinanceEndpoints endpoints = BinanceEndpoints.Resolve(config.Binance, request.Endpoint);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(config.Binance.RestTimeoutSeconds) };

        // Everything is checked before anything is created: a venue that cannot be read leaves no run directory behind.
        ExchangeInfoDocument venue = FetchAtStart(http, endpoints, request.StartAttempts, errors, stop);
        IReadOnlyList<SymbolSetup> setups = PaperSymbols.Setups(request.Symbols, venue, config, $"{endpoints.Rest}{ExchangeInfoClient.PathAndQuery.TrimStart('/')}");
        PipelineOptions options = PipelineSetup.ToPipelineOptions(config, paced: true, setups);
        PaperThreadPlan plan = PaperThreadPlan.Choose(request.Cores, config.Runtime, request.Effective);
        PipelineRuntime runtime = plan.ApplyTo(PipelineSetup.ToPipelineRuntime(config, paced: true)) with { LiveInput = true, PaperVenue = true };
        string directory = request.Resume ? RunDirectory.OpenForResume(request.OutputDirectory) : RunDirectory.Create(request.OutputDirectory);
        RunDirectory.WriteConfig(directory, request.Effective);

        using MemoryLock memory = Prepare(config, errors, out List<string> before);
        var registry = new SymbolRegistry(request.Symbols);
        string started = RunDirectory.Now();
        // The event journal and snapshots (docs/restart.md); a resume rebuilds the state and rewrites the outputs first.
        using RunJournaling events = RunJournaling.Open(directory, options, config.EventJournal, request.Resume, new RunJournaling.EngineFactory(options, runtime.PaperVenue, config.Run.WarmStart));
        using RunJournal journal = RunDirectory.CreateJournal(directory, options);
        events.RewriteOutputs(journal);
        using var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var pipeline = new EnginePipeline<JournalHandler>(options, runtime, new JournalHandler(journal), new PipelineAttachments { InputConsumer = events.Writer });
        Restore(pipeline, journal, events, runStop, config, options, before, errors);

        bool durationEnded = false;
        using var durationTimer = request.Duration is { } duration
            ? new Timer(_ => { durationEnded = true; runStop.Cancel(); }, null, duration, Timeout.InfiniteTimeSpan)
            : null;

        IPaperFeed feed = request.Feed(new PaperFeedContext(endpoints, request.Symbols, registry, pipeline.Input, plan.FeedCpu)
        {
            TickSafetyMargin = TimeSpan.FromMilliseconds(config.Binance.FeedTickSafetyMarginMs),
        });
        var refresher = new ExchangeInfoRefresher(venue, request.Symbols, TimeSpan.FromMinutes(config.Binance.ExchangeInfoRefreshMinutes),
            c => ExchangeInfoClient.FetchAsync(http, endpoints.Rest, c));
        RunStatistics stats;
        string? feedError = null;
        using var latency = new LatencyIntervalCollector(pipeline.Engine.Latency, Path.Combine(directory, LatencyIntervalCollector.LogFileName), runtime.WarmupEvents > 0);
        using ControlServer? control = ControlServer.TryStart(directory, c => pipeline.TryPublish(in c), pipeline.Engine.PublishedAccount.Read, before);
        try
        {
            events.StartSnapshots();
            feed.StartAsync(runStop.Token).GetAwaiter().GetResult();
            var frameRate = new RecentRate();
            long startTicks = System.Diagnostics.Stopwatch.GetTimestamp();
            refresher.Start();
            using (var status = new StatusReporter(
                () => WithFeed(RunCompletion.Snapshot(pipeline, latency), feed.Figures(), frameRate, startTicks),
                TimeSpan.FromSeconds(config.Runtime.StatusIntervalSeconds), output, interactive, latency.Collect))
            {
                status.Start();
                stats = pipeline.RunLive(runStop.Token);
            }
        }
        finally
        {
            feedError = Stop(feed, refresher);
        }

        latency.Complete();
        journal.OnOutputFailure = null;
        journal.Flush();
        string reason = stop.IsCancellationRequested ? stopReason?.Invoke() ?? "request"
            : durationEnded ? $"--duration {request.Duration!.Value.TotalSeconds:0.###} s"
            : journal.OutputFailure is not null ? "an output failure" : "request";
        List<string> warnings = RunCompletion.Warnings(stats, journal, latency, before);
        warnings.AddRange(events.Finish(pipeline.Engine, reason));
        if (feedError is not null)
        {
            warnings.Add(feedError);
        }
        FeedFigures figures = feed.Figures();
        RunSummary summary = RunCompletion.Summary(stats, pipeline, journal, options, config.Runtime.LatencyBudgetMs) with
        {
            StopReason = reason,
            StartedUtc = started,
            Inputs = [$"{endpoints.Stream} ({string.Join(",", request.Symbols)})"],
            Warnings = warnings,
            Live = LiveRunFigures.Of(endpoints, request.Symbols, request.Duration, plan, venue, refresher, figures),
        };
        return RunCompletion.Finish(directory, summary, latency, journal, errors, ExitCodes.Ok);
    }

    /// <summary>The native library's notice, memory locked as configured; the lock's warning starts the run's notes.</summary>
    internal static MemoryLock Prepare(EngineOptions config, TextWriter errors, out List<string> before)
    {
        NativeLibraryStatus.WriteStartupNoticeOnce(errors);
        MemoryLock memory = MemoryLock.Acquire(config.Runtime.LockMemory);
        before = [];
        if (memory.Warning is not null)
        {
            before.Add(memory.Warning);
        }

        return memory;
    }

    /// <summary>
    /// Before the engine thread starts: an output or event-journal failure halts the engine and stops the run (no
    /// trading a restart could not rebuild), the warm start primes DeltaScout, and a resume loads the rebuilt state.
    /// </summary>
    internal static void Restore(EnginePipeline<JournalHandler> pipeline, RunJournal journal, RunJournaling events, CancellationTokenSource runStop,
        EngineOptions config, PipelineOptions options, List<string> before, TextWriter errors)
    {
        journal.OnOutputFailure = _ =>
        {
            pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, journal.LastTimeMs));
            runStop.Cancel();
        };
        events.Writer.OnFailure = journal.OnOutputFailure;
        if (config.Run.WarmStart is { } warmFile)
        {
            before.Add(WarmStarter.Prime(pipeline.Engine, warmFile, new SymbolId(0), options.IntervalMs));
        }

        events.LoadInto(pipeline.Engine);
        before.AddRange(events.Notes);
        foreach (string note in events.Notes)
        {
            errors.WriteLine($"engine: {note}");
        }
    }

    /// <summary>exchangeInfo at start: a few attempts, waiting the venue's Retry-After (at most 30 s) or 1 s, 2 s, ... between them.</summary>
    internal static ExchangeInfoDocument FetchAtStart(HttpClient http, BinanceEndpoints endpoints, int attempts, TextWriter errors, CancellationToken stop)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return ExchangeInfoClient.FetchAsync(http, endpoints.Rest, stop).GetAwaiter().GetResult();
            }
            catch (ExchangeInfoUnavailableException e) when (attempt < attempts && !stop.IsCancellationRequested)
            {
                TimeSpan wait = e.RetryAfter is { } r ? (r < LongestStartWait ? r : LongestStartWait) : TimeSpan.FromSeconds(attempt);
                errors.WriteLine($"engine: {e.Message}; trying again in {wait.TotalSeconds:0.#} s ({attempt} of {attempts})");
                stop.WaitHandle.WaitOne(wait);
            }
        }
    }

    /// <summary>Stops the feed and the refresher; a feed that does not stop in time is named in the warnings.</summary>
    internal static string? Stop(IPaperFeed feed, ExchangeInfoRefresher refresher)
    {
        string? problem = null;
        try
        {
            if (!feed.StopAsync().Wait(FeedStopWait))
            {
                problem = $"feed: did not stop within {FeedStopWait.TotalSeconds:0} s";
            }

            feed.DisposeAsync().AsTask().Wait(FeedStopWait);
        }
        catch (AggregateException e)
        {
            problem = $"feed: stopping failed: {e.InnerException?.Message ?? e.Message}";
        }

        refresher.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return problem;
    }

    internal static StatusSnapshot WithFeed(StatusSnapshot s, FeedFigures f, RecentRate frames, long startTicks) => s with
    {
        FeedFramesPerSecond = frames.PerSecond(f.Frames, System.Diagnostics.Stopwatch.GetTimestamp(), startTicks),
        FeedReconnects = f.Reconnects,
        FeedGapsFound = f.GapsFound,
        FeedGapsFilled = f.GapsFilled,
        FeedTradesBackfilled = f.TradesBackfilled,
    };
}
