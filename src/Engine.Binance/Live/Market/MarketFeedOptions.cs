namespace Engine.Binance.Live.Market;

/// <summary>
/// How the live market feed connects and recovers. Defaults are Binance's production hosts and limits
/// (binance-usdm facts: 24 h connection lifetime, ping every 3 min, 200 streams per connection is safe);
/// <see cref="ForEndpoint"/> points every REST and WS path at one base, as <c>engine sim</c> serves them.
/// </summary>
public sealed record MarketFeedOptions
{
    /// <summary>REST base, e.g. <c>https://fapi.binance.com</c> (backfill, server time).</summary>
    public Uri RestBase { get; init; } = new("https://fapi.binance.com");

    /// <summary>WebSocket base, e.g. <c>wss://fstream.binance.com</c>; <c>/market/stream?streams=…</c> and <c>/public/stream?streams=…</c> are appended.</summary>
    public Uri StreamBase { get; init; } = new("wss://fstream.binance.com");

    /// <summary>Symbols, upper case as Binance names them (<c>BTCUSDT</c>).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Stream types per symbol: <c>aggTrade</c> (the engine's input), and for recording <c>trade</c>, <c>markPrice@1s</c>, <c>bookTicker</c>.</summary>
    public IReadOnlyList<string> Streams { get; init; } = ["aggTrade"];

    /// <summary>At most this many streams per connection; more open several connections.</summary>
    public int MaxStreamsPerConnection { get; init; } = 200;

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with ±50 % jitter.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection that delivers no frame for this long is taken for dead and replaced (the server pings every 3 min; a stalled stream still answers pings).</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Client keep-alive ping interval and the pong timeout after which the socket is aborted (0: off).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A connection is handed over to a fresh one after this long (Binance closes at 24 h); <see cref="Timeout.InfiniteTimeSpan"/> turns handover off.</summary>
    public TimeSpan HandoverAfter { get; init; } = TimeSpan.FromHours(23.5);

    /// <summary>Longest overlap of old and new connection in a handover before the old one is closed anyway.</summary>
    public TimeSpan HandoverMaxOverlap { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Trades per backfill request (Binance allows up to 1000).</summary>
    public int BackfillLimit { get; init; } = 1000;

    /// <summary>Retries of a backfill request answered 5xx or not at all, with back-off, before the interval is reported unfillable.</summary>
    public int BackfillMaxRetries { get; init; } = 5;

    /// <summary>How long a backfill keeps waiting on 429/418 Retry-After pauses before the interval is reported unfillable.</summary>
    public TimeSpan BackfillGiveUpAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Requests for ids REST does not have yet (it may trail the stream a little) are repeated this many times before the gap is unfillable.</summary>
    public int BackfillEmptyRetries { get; init; } = 5;

    /// <summary>How often the timer publishes a TimerTick (when the confirmed market time advanced).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The timer stays this far behind the estimated market time, so a frame in flight never lands before a closed interval's end.</summary>
    public TimeSpan TickSafetyMargin { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Receive buffer per connection (grown once if a frame is larger).</summary>
    public int ReceiveBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Held live trades per symbol while a gap is backfilled; beyond it live trades are dropped and fetched by the backfill instead.</summary>
    public int MaxHeldTrades { get; init; } = 1 << 20;

    /// <summary>Seed of the reconnect jitter (tests); null seeds from the clock.</summary>
    public int? JitterSeed { get; init; }

    /// <summary>Options with every REST and WS path on one base (<c>http://127.0.0.1:port</c> → <c>ws://127.0.0.1:port</c>).</summary>
    public static MarketFeedOptions ForEndpoint(Uri endpoint, IReadOnlyList<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var ws = new UriBuilder(endpoint) { Scheme = endpoint.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return new MarketFeedOptions { RestBase = endpoint, StreamBase = ws.Uri, Symbols = symbols };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (Symbols.Count == 0)
        {
            throw new ArgumentException("the feed needs at least one symbol");
        }

        if (Streams.Count == 0)
        {
            throw new ArgumentException("the feed needs at least one stream type");
        }

        if (MaxStreamsPerConnection is < 1 or > 1024)
        {
            throw new ArgumentException($"MaxStreamsPerConnection {MaxStreamsPerConnection} is outside 1..1024");
        }

        if (BackfillLimit is < 1 or > 1000)
        {
            throw new ArgumentException($"BackfillLimit {BackfillLimit} is outside 1..1000");
        }

        if (ReconnectInitialDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectInitialDelay)
        {
            throw new ArgumentException("reconnect delays must be positive, the cap at least the first delay");
        }
    }
}
