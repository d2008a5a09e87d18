namespace Engine.Binance.Live.Market;

/// <summary>
/// Keeps one <see cref="FeedRoute"/> connected for the feed's life: connect (jittered exponential back-off on failure),
/// receive until the connection ends, reconnect; and, before the connection's lifetime runs out, a handover: a second
/// connection opens, both run (the sequencer drops the overlap by id) until the new one has caught up or
/// <see cref="MarketFeedOptions.HandoverMaxOverlap"/> passed, then the old one is closed.
/// </summary>
internal sealed class RouteRunner
{
    private readonly FeedRoute _route;
    private readonly MarketFeedOptions _options;
    private readonly TradeSequencer _sequencer;
    private readonly IRawFrameTap? _tap;
    private readonly FeedStatistics _stats;
    private readonly ReconnectBackoff _backoff;
    private readonly List<FeedConnection> _live = [];

    public RouteRunner(FeedRoute route, MarketFeedOptions options, TradeSequencer sequencer, IRawFrameTap? tap, FeedStatistics stats)
    {
        _route = route;
        _options = options;
        _sequencer = sequencer;
        _tap = tap;
        _stats = stats;
        _backoff = new ReconnectBackoff(options.ReconnectInitialDelay, options.ReconnectMaxDelay, options.JitterSeed);
    }

    public FeedRoute Route => _route;

    /// <summary>Watchdog: aborts a connection that has been silent longer than <see cref="MarketFeedOptions.StaleAfter"/>.</summary>
    public void AbortStale()
    {
        lock (_live)
        {
            foreach (FeedConnection c in _live)
            {
                if (c.SilentForMs > _options.StaleAfter.TotalMilliseconds)
                {
                    c.Abort($"no frame for {_options.StaleAfter.TotalSeconds:0.###} s (stale stream)");
                }
            }
        }
    }

    /// <summary>Stop: ends every connection at once.</summary>
    public void AbortAll()
    {
        lock (_live)
        {
            foreach (FeedConnection c in _live)
            {
                c.Abort("feed stopped");
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        int attempt = 0;
        string? lostBecause = null;
        while (!stop.IsCancellationRequested)
        {
            FeedConnection? current = await OpenAsync(stop).ConfigureAwait(false);
            if (current is null)
            {
                if (!await DelayAsync(_backoff.Delay(attempt++), stop).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (lostBecause is not null)
            {
                _stats.Reconnect(lostBecause);
            }

            _sequencer.RouteOpened(_route, handover: false);
            long openedMs = Environment.TickCount64;
            current = await RunWithHandoversAsync(current, stop).ConfigureAwait(false);
            lostBecause = current.CloseReason ?? "ended";
            Retire(current);
            _sequencer.RouteClosed(_route);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            // A connection that lived a while resets the back-off: this drop is news, not a failing endpoint.
            attempt = Environment.TickCount64 - openedMs > 10_000 ? 0 : attempt;
            if (!await DelayAsync(_backoff.Delay(attempt++), stop).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    // Receives on `current`, handing over to a fresh connection each time the lifetime runs out; returns the
    // connection that finally ended.
    private async Task<FeedConnection> RunWithHandoversAsync(FeedConnection current, CancellationToken stop)
    {
        Task receiving = current.ReceiveAsync(_sequencer, _tap);
        while (true)
        {
            Task lifetime = Task.Delay(_options.HandoverAfter, stop);
            if (await Task.WhenAny(receiving, lifetime).ConfigureAwait(false) == receiving || stop.IsCancellationRequested)
            {
                await receiving.ConfigureAwait(false);
                return current;
            }

            FeedConnection? next = await OpenAsync(stop).ConfigureAwait(false);
            if (next is null)
            {
                continue; // try again after another lifetime period; a server close in between is a plain reconnect
            }

            _sequencer.RouteOpened(_route, handover: true);
            Task nextReceiving = next.ReceiveAsync(_sequencer, _tap);
            long deadline = Environment.TickCount64 + (long)_options.HandoverMaxOverlap.TotalMilliseconds;
            while (!next.Link.CaughtUp && Environment.TickCount64 < deadline && !nextReceiving.IsCompleted && !receiving.IsCompleted && !stop.IsCancellationRequested)
            {
                await Task.WhenAny(nextReceiving, receiving, Task.Delay(20, stop)).ConfigureAwait(false);
            }

            if (nextReceiving.IsCompleted)
            {
                await nextReceiving.ConfigureAwait(false);
                Retire(next); // the new one failed: keep the old one and try again later
                continue;
            }

            await current.CloseAsync("handed over to a new connection").ConfigureAwait(false);
            await receiving.ConfigureAwait(false);
            Retire(current);
            _stats.Handover();
            current = next;
            receiving = nextReceiving;
        }
    }

    private async Task<FeedConnection?> OpenAsync(CancellationToken stop)
    {
        var connection = new FeedConnection(_route, _options);
        try
        {
            await connection.ConnectAsync(stop).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or IOException or OperationCanceledException or System.Net.Http.HttpRequestException)
        {
            _stats.ConnectFailed(e.Message);
            connection.Dispose();
            return null;
        }

        lock (_live)
        {
            _live.Add(connection);
        }

        _stats.ConnectionOpened();
        return connection;
    }

    private void Retire(FeedConnection connection)
    {
        lock (_live)
        {
            _live.Remove(connection);
        }

        _stats.ConnectionClosed();
        connection.Dispose();
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
