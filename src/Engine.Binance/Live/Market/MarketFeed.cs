using System.Text.Json;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Binance.Live.Market;

/// <summary>
/// The live market-data client: Binance USD-M combined streams into the engine's input ring, with no gap and no
/// duplicate across reconnects and handovers, REST backfill of missed aggTrades, and the TimerTick producer.
/// <code>
/// var feed = new MarketFeed(MarketFeedOptions.ForEndpoint(endpoint, ["BTCUSDT"]), registry, pipeline.Input);
/// await feed.StartAsync(stop);          // measures the clock offset, opens the connections, starts the timer; returns at once
/// ... feed.Statistics.Snapshot() ...    // any thread, any time
/// await feed.StopAsync();               // closes sockets, ends backfills and the timer; nothing is published after it returns
/// </code>
/// With <c>publisher: null</c> nothing is parsed or published: only the <see cref="IRawFrameTap"/> sees frames
/// (<c>engine record</c>). Every symbol in the options must be in <paramref name="registry"/>.
/// </summary>
public sealed class MarketFeed : IAsyncDisposable
{
    private readonly MarketFeedOptions _options;
    private readonly TradeSequencer _sequencer;
    private readonly IAggTradeHistory _history;
    private readonly bool _ownsHistory;
    private readonly RouteRunner[] _runners;
    private readonly CancellationTokenSource _stop = new();
    private GapFiller? _filler;
    private Task _running = Task.CompletedTask;
    private Timer? _watchdog;
    private int _state; // 0 new, 1 started, 2 stopped

    public MarketFeed(MarketFeedOptions options, SymbolRegistry registry, IInputPublisher? publisher, IRawFrameTap? tap = null,
        IAggTradeHistory? history = null, ISecondaryFrameDecoder? secondary = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        options.Validate();
        _options = options;
        _sequencer = new TradeSequencer(registry, options.Symbols, publisher, Statistics, options, secondary);
        _ownsHistory = history is null;
        _history = history ?? new AggTradeRest(options.RestBase);
        bool aggTrades = options.Streams.Contains("aggTrade");
        _runners = [.. StreamPlan.Connections(options).Select(uri => new RouteRunner(new FeedRoute(uri, aggTrades ? SymbolsOn(uri, registry) : []), options, _sequencer, tap, Statistics))];
    }

    /// <summary>The feed's health; <see cref="FeedStatistics.Snapshot"/> from any thread.</summary>
    public FeedStatistics Statistics { get; } = new();

    /// <summary>The connections' URIs (one per at most <see cref="MarketFeedOptions.MaxStreamsPerConnection"/> streams, per route).</summary>
    public IReadOnlyList<Uri> Connections => [.. _runners.Select(r => r.Route.Uri)];

    /// <summary>
    /// Starts the feed and returns once its tasks run (connections open in the background; failures are retried, never
    /// thrown). <paramref name="cancellationToken"/> stops it like <see cref="StopAsync"/>.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("the feed was already started");
        }

        _ = EngineClock.Timestamp(); // calibrates the clock here, not on the first frame
        await MeasureClockOffsetAsync(cancellationToken).ConfigureAwait(false);
        cancellationToken.Register(() => _stop.Cancel());
        _filler = new GapFiller(_sequencer, _history, _options, Statistics, _stop.Token);
        _sequencer.OnRecovery(_filler.Start);
        TimeSpan every = TimeSpan.FromMilliseconds(Math.Clamp(_options.StaleAfter.TotalMilliseconds / 4, 10, 1000));
        _watchdog = new Timer(_ => AbortStale(), null, every, every);
        var tasks = _runners.Select(r => Task.Run(() => r.RunAsync(_stop.Token), CancellationToken.None)).ToList();
        tasks.Add(Task.Run(TickLoopAsync, CancellationToken.None));
        _running = Task.WhenAll(tasks);
    }

    /// <summary>Stops every connection, backfill and the timer; after it returns nothing more reaches the ring.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        _sequencer.Stop();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_watchdog is not null)
        {
            await _watchdog.DisposeAsync().ConfigureAwait(false);
        }

        foreach (RouteRunner r in _runners)
        {
            r.AbortAll();
        }

        await _running.ConfigureAwait(false);
        if (_filler is not null)
        {
            await _filler.DrainAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        if (_ownsHistory && _history is IDisposable d)
        {
            d.Dispose();
        }
    }

    private void AbortStale()
    {
        foreach (RouteRunner r in _runners)
        {
            r.AbortStale();
        }
    }

    private async Task TickLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.TickInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                _sequencer.Tick(EngineClock.Timestamp());
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    // Server time minus local time, from GET /fapi/v1/time around the local midpoint: E→receive latency is corrected by it.
    private async Task MeasureClockOffsetAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            byte[] body = await http.GetByteArrayAsync(StreamPlan.Combine(_options.RestBase, "/fapi/v1/time"), cancellationToken).ConfigureAwait(false);
            long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            using JsonDocument doc = JsonDocument.Parse(body);
            long server = doc.RootElement.GetProperty("serverTime").GetInt64();
            Statistics.ClockOffset(server - ((before + after) / 2));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            // Not fatal: latency is then reported against the local clock as is (offset 0).
        }
    }

    private static SymbolId[] SymbolsOn(Uri uri, SymbolRegistry registry)
    {
        string query = Uri.UnescapeDataString(uri.Query);
        var ids = new List<SymbolId>();
        foreach (string stream in query[(query.IndexOf('=', StringComparison.Ordinal) + 1)..].Split('/'))
        {
            if (stream.EndsWith("@aggTrade", StringComparison.Ordinal) && registry.TryGet(stream[..stream.IndexOf('@', StringComparison.Ordinal)].ToUpperInvariant().AsSpan(), out SymbolId id))
            {
                ids.Add(id);
            }
        }

        return [.. ids];
    }
}
