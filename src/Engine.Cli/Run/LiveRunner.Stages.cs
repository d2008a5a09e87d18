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

// engine live's start and stop off the engine thread, and the small parts they are made of.
public static partial class LiveRunner
{
    /// <summary>
    /// The start, off the engine thread: the user stream up, the venue reconciled against <paramref name="book"/> (its
    /// fixes enter the engine through the input ring), and only then the market feed. A failure leaves the engine
    /// HALTED and says why; the run goes on managing what it holds.
    /// </summary>
    private static async Task<ReconcileResult?> StartAsync(LiveParts p, EngineBook book, UserStreamOptions userOptions, UserDataStream user,
        SymbolRegistry registry, EnginePipeline<JournalHandler> pipeline, IPaperFeed feed, ExchangeInfoRefresher refresher, HealthMonitor health,
        LiveStart start, TextWriter errors, CancellationToken stop)
    {
        EngineOptions config = p.Request.Options;
        TimeSpan limit = TimeSpan.FromSeconds(config.Venue.StartTimeoutSeconds);
        start.Status = "start: user stream";
        DateTime deadline = DateTime.UtcNow + limit;
        while (!user.Statistics.Connected && DateTime.UtcNow < deadline && !stop.IsCancellationRequested)
        {
            await Task.Delay(Poll, CancellationToken.None).ConfigureAwait(false);
        }

        if (stop.IsCancellationRequested)
        {
            return null;
        }

        ReconcileResult? result = null;
        if (!user.Statistics.Connected)
        {
            start.Failure = Invariant($"the user data stream did not connect within {limit.TotalSeconds:0} s (Venue:StartTimeoutSeconds)");
        }
        else
        {
            start.Status = "start: reconciling";
            var ticks = p.Options.Symbols.ToDictionary(s => s.Name, s => s.Filters.TickSize, StringComparer.Ordinal);
            using var reconciler = new StartupReconciler(userOptions, config.Venue.ToReconcile(ticks), registry, pipeline.Input, new ReconcileAlerts(p.Alerts));
            result = await reconciler.RunAsync(book, stop).ConfigureAwait(false);
            // Written now, not with the report: a session killed later still leaves what its start found. A log that
            // cannot be written does not stop the start (the report and the alerts have the differences too).
            try
            {
                File.AppendAllLines(Path.Combine(p.Directory, "reconcile.log"), result.LogLines());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.WriteLine($"engine: reconcile.log not written: {e.Message}");
            }
            if (!result.Succeeded)
            {
                start.Failure = $"reconciliation failed: {result.Failure}";
            }
        }

        if (start.Failure is not null)
        {
            pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, 0));
            p.Alerts.Raise(AlertKind.Halt, null, $"engine live: {start.Failure}; HALTED");
            errors.WriteLine($"engine: {start.Failure}; the engine stays HALTED (engine ctl resume once fixed)");
        }

        start.Status = result?.StatusText ?? "start: failed";
        await feed.StartAsync(stop).ConfigureAwait(false);
        refresher.Start();
        health.Start();
        return result;
    }

    /// <summary>
    /// The orderly stop, with the feed already stopped: working entries cancelled (Reduce: positions keep their
    /// protective stops) or everything closed (Flatten), then a wait until every order request the engine made has
    /// been carried out by the gateway and answered, so nothing is left half-sent when the engine thread stops.
    /// </summary>
    private static List<string> StopTrading(EnginePipeline<JournalHandler> pipeline, LiveOutputConsumer consumer, VenueOptions venue)
    {
        var notes = new List<string>();
        AccountFigures now = pipeline.Engine.PublishedAccount.Read();
        long commandsBefore = now.OperatorCommands;
        if (!venue.FlattenOnStop && now.State != TradingState.Active)
        {
            // Reducing or HALTED already: leaving Active cancelled the entries, and a Reduce would relax a halt.
            commandsBefore--;
        }
        else if (!pipeline.TryPublish(new OperatorCommand(venue.FlattenOnStop ? OperatorCommandKind.Flatten : OperatorCommandKind.Reduce, SymbolId.None, 0)))
        {
            notes.Add("stop: the engine's input was closed; entries were not cancelled by the engine (the dead-man switch was disarmed last)");
            return notes;
        }

        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(venue.StopWaitSeconds);
        int settled = 0;
        while (DateTime.UtcNow < deadline)
        {
            AccountFigures a = pipeline.Engine.PublishedAccount.Read();
            bool applied = a.OperatorCommands > commandsBefore;
            bool sent = consumer.Completed >= Volatile.Read(ref pipeline.Engine.Counters.OrderRequests);
            bool flat = !venue.FlattenOnStop || a.OpenPositions == 0;
            bool answered = a.AwaitingVenue == 0; // no fill or cancel still on its way: it would arrive after the engine stopped
            settled = applied && sent && flat && answered ? settled + 1 : 0;
            if (settled >= 4)
            {
                return notes;
            }

            Thread.Sleep(Poll);
        }

        AccountFigures last = pipeline.Engine.PublishedAccount.Read();
        notes.Add(Invariant($"stop: not settled within Venue:StopWaitSeconds = {venue.StopWaitSeconds} s ({consumer.Completed} of {Volatile.Read(ref pipeline.Engine.Counters.OrderRequests)} order requests carried out, {last.AwaitingVenue} orders awaiting the venue's answer, {last.WorkingOrders} orders working, {last.OpenPositions} positions open): check the venue"));
        return notes;
    }

    private static ApiCredentials LoadKey(string? keyFile, Func<string, string?> environment)
    {
        try
        {
            return ApiKeyLoader.Load(keyFile, environment)
                ?? throw new ConfigurationException($"engine live needs an API key: set {ApiKeyLoader.ApiKeyVariable} with {ApiKeyLoader.SecretVariable} (HMAC) or {ApiKeyLoader.Ed25519FileVariable} (Ed25519 PEM), or Venue:KeyFile (a JSON key file, mode 0600)");
        }
        catch (ApiKeyException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }

    private static List<RateLimitRule> Rules(ExchangeInfoDocument info)
    {
        var rules = info.RateLimits
            .Where(l => l.Type is "REQUEST_WEIGHT" or "ORDERS" && l.Window > TimeSpan.Zero && l.Limit > 0)
            .Select(l => new RateLimitRule(l.Type == "ORDERS", (long)l.Window.TotalMilliseconds, l.Limit))
            .ToList();
        return rules.Count > 0 ? rules : [.. RateLimitRule.BinanceDefaults];
    }

    private static async Task WaitCancelled(CancellationToken token)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the run is stopping
        }
    }

    // A background part of the run that failed or hung is named in the report's warnings, never thrown past the report.
    private static void WaitQuietly(Task task, TimeSpan limit, string what, List<string> notes)
    {
        try
        {
            if (!task.Wait(limit, CancellationToken.None))
            {
                notes.Add(Invariant($"{what}: did not end within {limit.TotalSeconds:0} s"));
            }
        }
        catch (AggregateException e)
        {
            notes.Add($"{what}: failed: {e.InnerException?.Message ?? e.Message}");
        }
    }

    private static async Task IgnoreFailure(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // the start's own failure is reported from its task; the stop must go on regardless
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record LiveParts(
        LiveRequest Request,
        LiveVenue Venue,
        ApiCredentials Credentials,
        ExchangeInfoDocument Info,
        PipelineOptions Options,
        PipelineRuntime Runtime,
        PaperThreadPlan Plan,
        GatewayOptions GatewayOptions,
        ServerClock Clock,
        RestOrderTransport Rest,
        AlertSink Alerts,
        DeadManSwitch DeadMan,
        string Directory,
        List<string> Lines);

    /// <summary>Where the start stands, for the status line, and why it failed.</summary>
    private sealed class LiveStart
    {
        private string? _status;
        private string? _failure;

        public string? Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }

        public string? Failure
        {
            get => Volatile.Read(ref _failure);
            set => Volatile.Write(ref _failure, value);
        }
    }

    /// <summary>The reconciliation's differences and failure as alerts.</summary>
    private sealed class ReconcileAlerts(IAlertSink alerts) : IReconcileAlertSink
    {
        public void OnReconcileDifference(in ReconcileDifference difference) =>
            alerts.Raise(AlertKind.ReconciliationDifference, difference.Symbol, difference.ToString());

        public void OnReconcileFailure(string reason) => alerts.Raise(AlertKind.Halt, null, "reconciliation failed: " + reason);
    }
}
