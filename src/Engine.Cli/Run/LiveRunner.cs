using System.Globalization;
using Engine.Binance.ExchangeInfo;
using Engine.Binance.Live.Account;
using Engine.Binance.Live.Alerts;
using Engine.Binance.Live.Health;
using Engine.Binance.Live.Orders;
using Engine.Binance.Live.Reconcile;
using Engine.Binance.Live.UserData;
using Engine.Cli.Configuration;
using Engine.Cli.Control;
using Engine.Cli.Journal;
using Engine.Cli.Status;
using Engine.Interop;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Risk;

namespace Engine.Cli.Run;

/// <summary>
/// Runs <c>engine live</c> (docs/live-trading.md, "engine live"). Before anything is created: the venue and the
/// real-money gate, the API key, exchangeInfo, the account checks, and the dead-man switch armed; any failure refuses
/// to start. Then the run directory, event journal and journal (a resume rebuilds the engine first), the pipeline with
/// the order gateway as its output consumer, the user data stream, the start-up reconciliation with the venue, and only
/// then the market feed: no order can be sent before the reconciliation has finished. On <c>--duration</c>, SIGTERM or
/// Ctrl-C the feed stops, working entries are cancelled (positions keep their protective stops, or are flattened with
/// <c>Venue:FlattenOnStop</c>), the venue's answers are awaited, and the report is written.
/// </summary>
public static partial class LiveRunner
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static ReplayOutcome Run(LiveRequest request, TextWriter output, TextWriter errors, bool interactive, Func<string?>? stopReason, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        EngineOptions config = request.Options;
        LiveVenue venue = LiveVenue.Resolve(config.Venue, request.Endpoint, request.RealMoneyAllowed);
        BinanceEndpoints endpoints = venue.Endpoints;
        ApiCredentials credentials = LoadKey(config.Venue.KeyFile, request.Environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(config.Binance.RestTimeoutSeconds) };
        ExchangeInfoDocument info = PaperRunner.FetchAtStart(http, endpoints, request.StartAttempts, errors, stop);
        IReadOnlyList<SymbolSetup> setups = PaperSymbols.Setups(request.Symbols, info, config, $"{endpoints.Rest}{ExchangeInfoClient.PathAndQuery.TrimStart('/')}");
        PipelineOptions options = PipelineSetup.ToPipelineOptions(config, paced: true, setups);
        PaperThreadPlan plan = PaperThreadPlan.Choose(request.Cores, config.Runtime, request.Effective);
        PipelineRuntime runtime = plan.ApplyTo(PipelineSetup.ToPipelineRuntime(config, paced: true)) with { LiveInput = true, PaperVenue = false };

        var gatewayOptions = new GatewayOptions
        {
            ClientIdPrefix = config.Venue.ClientIdPrefix,
            RecvWindowMs = config.Venue.RecvWindowMs,
            RequestTimeout = TimeSpan.FromSeconds(config.Binance.RestTimeoutSeconds),
        };
        var clock = new ServerClock();
        var rest = new RestOrderTransport(endpoints.Rest, credentials, gatewayOptions);
        if (!rest.TrySyncClock(clock))
        {
            throw new StartRefusedException($"GET {endpoints.Rest}fapi/v1/time failed: the venue's clock is needed to sign requests");
        }

        var access = new VenueAccess
        {
            RestBase = endpoints.Rest,
            Credentials = credentials,
            ServerTimeMs = () => clock.NowMs,
            RecvWindowMs = config.Venue.RecvWindowMs,
            RequestTimeout = TimeSpan.FromSeconds(config.Binance.RestTimeoutSeconds),
        };
        var lines = new List<string> { $"Venue: {venue.Describe()}", $"Key: {credentials}" };
        using (var checks = new LiveStartChecks(access, config.Account.ToOptions()))
        {
            StartCheckResult checked_ = checks.RunAsync(request.Symbols, stop).GetAwaiter().GetResult();
            if (!checked_.Passed)
            {
                throw new StartRefusedException(checked_.Describe());
            }

            lines.Add($"Account checks: passed{(checked_.Notes.Count > 0 ? "; " + string.Join("; ", checked_.Notes) : string.Empty)}");
        }

        string directory = request.Resume ? RunDirectory.OpenForResume(request.OutputDirectory) : RunDirectory.Create(request.OutputDirectory);
        RunDirectory.WriteConfig(directory, request.Effective);
        var alerts = new AlertSink(config.Alerts.ToOptions($"{System.Environment.MachineName} {directory}"));
        var deadMan = new DeadManSwitch(access, request.Symbols, config.DeadMan.ToOptions(), alerts);
        try
        {
            if (!deadMan.ArmAsync(stop).GetAwaiter().GetResult())
            {
                throw new StartRefusedException($"the dead-man switch could not be armed ({deadMan.LastError}): resting entries would outlive this process; fix the venue access or set DeadMan:Enabled=false to trade without it");
            }

            lines.Add($"Dead-man switch: {deadMan.Describe()}");
            return Trade(new LiveParts(request, venue, credentials, info, options, runtime, plan, gatewayOptions, clock, rest, alerts, deadMan, directory, lines),
                output, errors, interactive, stopReason, stop);
        }
        finally
        {
            deadMan.StopAsync(disarm: true).GetAwaiter().GetResult();
            deadMan.DisposeAsync().AsTask().GetAwaiter().GetResult();
            alerts.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static ReplayOutcome Trade(LiveParts p, TextWriter output, TextWriter errors, bool interactive, Func<string?>? stopReason, CancellationToken stop)
    {
        LiveRequest request = p.Request;
        EngineOptions config = request.Options;
        BinanceEndpoints endpoints = p.Venue.Endpoints;
        using MemoryLock memory = PaperRunner.Prepare(config, errors, out List<string> before);
        var registry = new SymbolRegistry(request.Symbols);
        string started = RunDirectory.Now();
        using RunJournaling events = RunJournaling.Open(p.Directory, p.Options, config.EventJournal, request.Resume, new RunJournaling.EngineFactory(p.Options, paperVenue: false, config.Run.WarmStart));
        using RunJournal journal = RunDirectory.CreateJournal(p.Directory, p.Options);
        events.RewriteOutputs(journal);

        // The gateway is the pipeline's output consumer and publishes the venue's answers into its input: built first.
        var input = new ForwardingInputPublisher();
        IOrderTransport? ws = p.Credentials.Kind == ApiKeyKind.Ed25519
            ? new WsApiOrderTransport(new Uri(endpoints.Stream, "ws-fapi/v1"), p.Credentials, p.GatewayOptions, p.Clock)
            : null;
        bool wsFirst = ws is not null && config.Venue.Transport != OrderTransportKind.Rest;
        if (config.Venue.Transport == OrderTransportKind.WsApi && ws is null)
        {
            before.Add("Venue:Transport=WsApi needs an Ed25519 key (session.logon): orders go over REST");
        }

        IOrderTransport primary = wsFirst ? ws! : p.Rest;
        IOrderTransport? fallback = wsFirst ? p.Rest : ws;
        using var gateway = new OrderGateway(p.GatewayOptions, primary, fallback, p.Clock, p.Rest.TrySyncClock, new VenueRateLimiter(Rules(p.Info)), registry, input);
        IEventHandler<OutputEvent> chain = new AlertingOutputHandler(new GatewayOutputHandler(gateway, syncClockAtStart: false), p.Alerts, registry);
        EnginePipeline<JournalHandler>? built = null;
        DurableOrderGate? durable = config.EventJournal.DurableBeforeOrders
            ? new DurableOrderGate(chain, events.Writer, () => built!.InputCursor, TimeSpan.FromSeconds(1))
            : null;
        var consumer = new LiveOutputConsumer(durable ?? chain);
        using var runStop = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var engineStop = new CancellationTokenSource();
        var pipeline = new EnginePipeline<JournalHandler>(p.Options, p.Runtime, new JournalHandler(journal),
            new PipelineAttachments { InputConsumer = events.Writer, OutputConsumer = consumer });
        input.Target = pipeline.Input;
        built = pipeline;
        PaperRunner.Restore(pipeline, journal, events, runStop, config, p.Options, before, errors);
        consumer.StartAt(pipeline.Engine.Counters.OrderRequests); // a resumed engine counts the requests of the sessions before
        if (events.Resumed)
        {
            pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.NewSession, SymbolId.None, 0)); // the session's first input: fresh order ids
        }

        // What the engine believes before the venue is asked (read before the engine thread starts).
        EngineBook book = events.Resumed ? EngineBook.From(pipeline.Engine.OrderManager, registry.Count) : EngineBook.Empty(registry.Count);

        bool durationEnded = false;
        using var durationTimer = request.Duration is { } duration
            ? new Timer(_ => { durationEnded = true; runStop.Cancel(); }, null, duration, Timeout.InfiniteTimeSpan)
            : null;

        var userOptions = new UserStreamOptions
        {
            RestBase = endpoints.Rest,
            WebSocketBase = endpoints.Stream,
            Credentials = p.Credentials,
            Symbols = request.Symbols,
            ClientIdPrefix = config.Venue.ClientIdPrefix,
            RecvWindowMs = config.Venue.RecvWindowMs,
            RequestTimeout = TimeSpan.FromSeconds(config.Binance.RestTimeoutSeconds),
            ServerTimeMs = () => p.Clock.NowMs,
        };
        var watch = new VenuePositionWatch(new InputPublisherSink(input));
        using var user = new UserDataStream(userOptions, registry, watch) { Notice = line => errors.WriteLine($"engine: {line}") };
        IPaperFeed feed = request.Feed(new PaperFeedContext(endpoints, request.Symbols, registry, pipeline.Input, p.Plan.FeedCpu)
        {
            TickSafetyMargin = TimeSpan.FromMilliseconds(config.Binance.FeedTickSafetyMarginMs),
        });
        using var refreshHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(config.Binance.RestTimeoutSeconds) };
        var refresher = new ExchangeInfoRefresher(p.Info, request.Symbols, TimeSpan.FromMinutes(config.Binance.ExchangeInfoRefreshMinutes),
            c => ExchangeInfoClient.FetchAsync(refreshHttp, endpoints.Rest, c));
        var health = new HealthMonitor(config.Health.ToOptions(),
            [
                new HealthLink("market feed", () => feed.Connected, () => feed.Figures().Reconnects),
                new HealthLink("user stream", () => user.Statistics.Connected, () => user.Statistics.Disconnects),
            ],
            () => watch.AnyOpen, c => pipeline.TryPublish(in c), p.Alerts);
        var start = new LiveStart();
        using var latency = new LatencyIntervalCollector(pipeline.Engine.Latency, Path.Combine(p.Directory, LatencyIntervalCollector.LogFileName), p.Runtime.WarmupEvents > 0);
        using ControlServer? control = ControlServer.TryStart(p.Directory, c => pipeline.TryPublish(in c), pipeline.Engine.PublishedAccount.Read, before);
        using var userStop = new CancellationTokenSource();
        Task userRun = Task.CompletedTask;
        Task<ReconcileResult?> startup = Task.FromResult<ReconcileResult?>(null);
        Task stopper = Task.CompletedTask;
        RunStatistics stats;
        string? feedError = null;
        var stopNotes = new List<string>(); // the stopper's (its thread)
        var endNotes = new List<string>();  // this thread's
        var frameRate = new RecentRate();
        long startTicks = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            events.StartSnapshots();
            // The user stream outlives the stop's start: the orderly stop waits for fills and cancels it reports.
            userRun = Task.Run(() => user.RunAsync(userStop.Token), CancellationToken.None);
            startup = Task.Run(() => StartAsync(p, book, userOptions, user, registry, pipeline, feed, refresher, health, start, errors, runStop.Token), CancellationToken.None);
            stopper = Task.Run(async () =>
            {
                try
                {
                    await WaitCancelled(runStop.Token).ConfigureAwait(false);
                    await IgnoreFailure(startup).ConfigureAwait(false);
                    await IgnoreFailure(feed.StopAsync()).ConfigureAwait(false); // a feed that fails to stop is named by PaperRunner.Stop
                    stopNotes.AddRange(StopTrading(pipeline, consumer, config.Venue));
                }
                finally
                {
                    await engineStop.CancelAsync().ConfigureAwait(false); // whatever happened above, the engine thread stops
                }
            }, CancellationToken.None);
            using (var status = new StatusReporter(
                () => PaperRunner.WithFeed(RunCompletion.Snapshot(pipeline, latency), feed.Figures(), frameRate, startTicks) with { Note = start.Status },
                TimeSpan.FromSeconds(config.Runtime.StatusIntervalSeconds), output, interactive, latency.Collect))
            {
                status.Start();
                stats = pipeline.RunLive(engineStop.Token);
            }
        }
        finally
        {
            runStop.Cancel();
            WaitQuietly(stopper, TimeSpan.FromSeconds(config.Venue.StopWaitSeconds + 30), "stop", endNotes);
            userStop.Cancel();
            feedError = PaperRunner.Stop(feed, refresher);
            health.DisposeAsync().AsTask().GetAwaiter().GetResult();
            WaitQuietly(userRun, TimeSpan.FromSeconds(30), "user stream", endNotes);
        }

        latency.Complete();
        journal.OnOutputFailure = null;
        journal.Flush();
        string reason = stop.IsCancellationRequested ? stopReason?.Invoke() ?? "request"
            : durationEnded ? $"--duration {request.Duration!.Value.TotalSeconds:0.###} s"
            : journal.OutputFailure is not null ? "an output failure"
            : start.Failure is not null ? "a failed start" : "request";
        List<string> warnings = RunCompletion.Warnings(stats, journal, latency, before);
        warnings.AddRange(events.Finish(pipeline.Engine, reason));
        if (feedError is not null)
        {
            warnings.Add(feedError);
        }

        if (start.Failure is not null)
        {
            warnings.Add($"start: {start.Failure}");
        }

        if (stopper.IsCompleted)
        {
            warnings.AddRange(stopNotes);
        }

        warnings.AddRange(endNotes);
        ReconcileResult? reconciled = startup.IsCompletedSuccessfully ? startup.Result : null;

        (Money realized, Money fees) = pipeline.Engine.OrderManager.Totals();
        UserStreamStatistics u = user.Statistics;
        List<string> lines = p.Lines;
        lines.Add($"Transport: {gateway.Primary.Name}{(gateway.Fallback is { } f ? $", fallback {f.Name}" : string.Empty)}");
        GatewayCounters g = gateway.Counters;
        lines.Add(Invariant($"Gateway: {g.Requests} requests ({g.Submits} submits, {g.Cancels} cancels, {g.Queries} queries); {g.Accepted} accepted, {g.Rejected} rejected; {g.OutcomesUnknown} unknown ({g.UnknownsResolved} resolved, {g.UnknownsLeftOpen} left open); {g.Throttled} throttled, {g.RateLimitWaits} rate-limit waits, {g.FallbackSends} fallback sends, {g.ClockResyncs} clock re-syncs"));
        lines.Add(Invariant($"User stream: {u.Connects} connects, {u.Disconnects} disconnects, {u.KeysCreated} keys, {u.Keepalives} keepalives ({u.KeepaliveFailures} failed), {u.Reconciliations} reconciliations; {u.OrderUpdates} order updates, {u.AlgoUpdates} algo updates, {u.AccountUpdates} account updates, {u.UnknownEvents} unknown events, {u.Malformed} malformed; {u.FillsRecovered} fills recovered; foreign fills {u.ForeignFills}, liquidation {u.LiquidationFills}, ADL {u.AdlFills}; funding {u.Funding}"));
        lines.Add("PnL against the venue: " + PnlReconciliation.Line(realized, fees, Money.FromDecimal(u.VenueRealizedProfit), Money.FromDecimal(u.Commission)));
        if (durable is not null)
        {
            lines.Add(Invariant($"Journal before orders (EventJournal:DurableBeforeOrders): {durable.Waits} order requests waited for the event journal, {durable.Failures} waits failed"));
        }

        lines.Add($"Health: {health.Describe()}");
        lines.Add($"Alerts: {p.Alerts.Describe()}");
        lines.Add($"Dead-man switch at the end: {p.DeadMan.Describe()}");
        lines.Add($"Stop: {(config.Venue.FlattenOnStop ? "entries cancelled, positions flattened (Venue:FlattenOnStop)" : "entries cancelled, positions kept with their protective stops")}");
        FeedFigures figures = feed.Figures();
        RunSummary summary = RunCompletion.Summary(stats, pipeline, journal, p.Options, config.Runtime.LatencyBudgetMs) with
        {
            StopReason = reason,
            StartedUtc = started,
            Inputs = [$"{endpoints.Stream} ({string.Join(",", request.Symbols)})"],
            Warnings = warnings,
            Live = LiveRunFigures.Of(endpoints, request.Symbols, request.Duration, p.Plan, p.Info, refresher, figures) with
            {
                Trading = lines,
                TickToOrderNs = LatencyFigures.Of(gateway.TickToOrderSnapshot()),
                ReconcileSection = reconciled?.ReportSection(),
            },
        };
        int exit = start.Failure is not null && reconciled is null ? ExitCodes.StartRefused : ExitCodes.Ok;
        return RunCompletion.Finish(p.Directory, summary, latency, journal, errors, exit);
    }
}
