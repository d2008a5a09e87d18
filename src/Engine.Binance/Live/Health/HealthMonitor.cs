using System.Globalization;
using Engine.Binance.Live.Alerts;
using Engine.Model;

namespace Engine.Binance.Live.Health;

/// <summary>
/// The health rule of a live run (issue #17): when a watched link (the market feed, the user stream) has been down
/// longer than <see cref="HealthOptions.MaxDownWithPosition"/> while a position is open, an operator
/// <see cref="OperatorCommandKind.Halt"/> (or <see cref="OperatorCommandKind.Flatten"/> with
/// <see cref="HealthOptions.Flatten"/>) enters the input ring through <c>publish</c> (the pipeline's
/// <c>TryPublish</c>), once per outage, with an alert. The engine stays halted when the link returns: trading resumes
/// only by <c>engine ctl resume</c>. It also alerts a reconnect storm (a link reconnecting
/// <see cref="HealthOptions.ReconnectStormCount"/> times within <see cref="HealthOptions.ReconnectStormWindow"/>).
/// Runs on a timer of its own (<see cref="Start"/>); <see cref="Check"/> is one look, for tests with their own clock.
/// </summary>
public sealed class HealthMonitor : IAsyncDisposable
{
    private readonly HealthOptions _options;
    private readonly LinkState[] _links;
    private readonly Func<bool> _positionOpen;
    private readonly Func<OperatorCommand, bool> _publish;
    private readonly IAlertSink _alerts;
    private readonly Func<long> _clockMs;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private long _actions;
    private long _storms;
    private long _publishFailures;
    private string? _lastAction;

    /// <param name="options">The rule's settings.</param>
    /// <param name="links">The connections watched.</param>
    /// <param name="positionOpen">Whether a position is open now, any thread (<see cref="VenuePositionWatch.AnyOpen"/>).</param>
    /// <param name="publish">Puts an operator command into the input ring; false when it could not (retried next look).</param>
    /// <param name="alerts">Where the halt/flatten and storm alerts go.</param>
    /// <param name="clockMs">A monotonic clock in ms (default <see cref="Environment.TickCount64"/>).</param>
    public HealthMonitor(HealthOptions options, IReadOnlyList<HealthLink> links, Func<bool> positionOpen, Func<OperatorCommand, bool> publish, IAlertSink? alerts = null, Func<long>? clockMs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(links);
        _options = options;
        _links = [.. links.Select(l => new LinkState(l))];
        _positionOpen = positionOpen ?? throw new ArgumentNullException(nameof(positionOpen));
        _publish = publish ?? throw new ArgumentNullException(nameof(publish));
        _alerts = alerts ?? NoAlerts.Instance;
        _clockMs = clockMs ?? (() => Environment.TickCount64);
    }

    /// <summary>Halts or flattens the rule put into the input ring.</summary>
    public long Actions => Interlocked.Read(ref _actions);

    /// <summary>Reconnect storms seen.</summary>
    public long Storms => Interlocked.Read(ref _storms);

    /// <summary>Commands the input ring would not take (retried at the next look).</summary>
    public long PublishFailures => Interlocked.Read(ref _publishFailures);

    /// <summary>What the rule last did, for the status line and report; null when it never fired.</summary>
    public string? LastAction => Volatile.Read(ref _lastAction);

    /// <summary>For the run report.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"health rule: {(_options.Flatten ? "flatten" : "halt")} after {_options.MaxDownWithPosition.TotalSeconds:0.###} s down with a position open; {Actions:N0} fired, {Storms:N0} reconnect storms{(LastAction is null ? "" : "; last: " + LastAction)}");

    /// <summary>Starts looking every <see cref="HealthOptions.CheckInterval"/>.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            throw new InvalidOperationException("the health monitor runs already");
        }

        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(_options.CheckInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    Check();
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    /// <summary>One look at every link; returns the command it published (None when none).</summary>
    public OperatorCommandKind Check()
    {
        lock (_gate)
        {
            long now = _clockMs();
            OperatorCommandKind done = OperatorCommandKind.None;
            foreach (LinkState link in _links)
            {
                CheckStorm(link, now);
                if (link.Link.IsUp())
                {
                    link.DownSinceMs = -1;
                    link.Acted = false;
                    continue;
                }

                if (link.DownSinceMs < 0)
                {
                    link.DownSinceMs = now;
                }

                long down = now - link.DownSinceMs;
                if (link.Acted || down < (long)_options.MaxDownWithPosition.TotalMilliseconds || !_positionOpen())
                {
                    continue;
                }

                OperatorCommandKind kind = _options.Flatten ? OperatorCommandKind.Flatten : OperatorCommandKind.Halt;
                if (!_publish(new OperatorCommand(kind, SymbolId.None, 0)))
                {
                    Interlocked.Increment(ref _publishFailures);
                    continue;
                }

                link.Acted = true;
                done = kind;
                Interlocked.Increment(ref _actions);
                string what = kind == OperatorCommandKind.Flatten ? "flattened" : "halted (entries stopped, protective orders kept)";
                string message = string.Create(CultureInfo.InvariantCulture, $"{link.Link.Name} down {down / 1000.0:0.#} s with a position open: {what}; resume with 'engine ctl <run-dir> resume'");
                Volatile.Write(ref _lastAction, message);
                _alerts.Raise(kind == OperatorCommandKind.Flatten ? AlertKind.Flatten : AlertKind.Halt, null, message);
            }

            return done;
        }
    }

    private void CheckStorm(LinkState link, long now)
    {
        long reconnects = link.Link.Reconnects();
        link.Recent.Enqueue((now, reconnects));
        long window = (long)_options.ReconnectStormWindow.TotalMilliseconds;
        while (link.Recent.Count > 1 && link.Recent.Peek().AtMs < now - window)
        {
            link.Recent.Dequeue();
        }

        long inWindow = reconnects - link.Recent.Peek().Count;
        if (inWindow >= _options.ReconnectStormCount && now - link.LastStormMs >= window)
        {
            link.LastStormMs = now;
            Interlocked.Increment(ref _storms);
            _alerts.Raise(AlertKind.ReconnectStorm, null, string.Create(CultureInfo.InvariantCulture, $"{link.Link.Name}: {inWindow} reconnects within {_options.ReconnectStormWindow.TotalSeconds:0.###} s"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private sealed class LinkState(HealthLink link)
    {
        public HealthLink Link { get; } = link;

        public long DownSinceMs { get; set; } = -1;

        public bool Acted { get; set; }

        public long LastStormMs { get; set; } = long.MinValue / 2;

        /// <summary>(look time, reconnect count then), oldest first, within the storm window (plus the one just before it).</summary>
        public Queue<(long AtMs, long Count)> Recent { get; } = new();
    }
}
