using Engine.Binance.Live.Market;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Market;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>
/// The feed against <c>engine sim</c> in-process over loopback: a tape where every trade is its own aggregate (prices
/// alternate), so the sim's aggTrade ids are exactly 1..N per symbol, trade k at T0 + k × step; the feed publishes
/// into a <see cref="ListPublisher"/>.
/// </summary>
internal sealed class FeedSimHarness : IAsyncDisposable
{
    public const long T0 = 1_723_161_256_000;

    private FeedSimHarness(SimServer server, MarketFeed feed, SymbolRegistry registry, ListPublisher ring, int count)
    {
        Server = server;
        Feed = feed;
        Registry = registry;
        Ring = ring;
        Count = count;
    }

    public SimServer Server { get; }

    public MarketFeed Feed { get; }

    public SymbolRegistry Registry { get; }

    public IReadOnlyList<string> Symbols => [.. Enumerable.Range(0, Registry.Count).Select(i => Registry.NameOf(new SymbolId(i)))];

    public ListPublisher Ring { get; }

    /// <summary>aggTrades per symbol on the tape.</summary>
    public int Count { get; }

    public static SimTape Tape(int count, long stepMs, params string[] symbols)
    {
        var r = new SymbolRegistry();
        var trades = new List<Trade>();
        for (int i = 0; i < count; i++)
        {
            for (int s = 0; s < symbols.Length; s++)
            {
                trades.Add(MarketTapes.Raw(r, symbols[s], 1000 + i, i % 2 == 0 ? "61800.1" : "61800.2", "0.001", T0 + (i * stepMs) + s, buyerIsMaker: i % 3 == 0));
            }
        }

        return SimTape.Of(trades, r);
    }

    public static async Task<FeedSimHarness> StartAsync(int count, long stepMs, double speed, SimFaults? faults = null,
        Func<MarketFeedOptions, MarketFeedOptions>? feedOptions = null, Action<SimOptions>? simOptions = null, string[]? symbols = null)
    {
        symbols ??= ["BTCUSDT"];
        SimServer server = await MarketTapes.Host(Tape(count, stepMs, symbols), faults, o =>
        {
            o.Speed = speed;
            simOptions?.Invoke(o);
        });
        var registry = new SymbolRegistry(symbols);
        var ring = new ListPublisher();
        MarketFeedOptions options = MarketFeedOptions.ForEndpoint(server.BaseAddress, symbols) with
        {
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            JitterSeed = 11,
        };
        options = feedOptions?.Invoke(options) ?? options;
        var feed = new MarketFeed(options, registry, ring);
        await feed.StartAsync();
        return new FeedSimHarness(server, feed, registry, ring, count);
    }

    public SymbolId Id(string symbol) => Registry.TryGet(symbol.AsSpan(), out SymbolId id) ? id : SymbolId.None;

    /// <summary>Waits until every symbol's last id reached the ring (or the deadline), then stops the feed.</summary>
    public async Task RunToEndAsync(TimeSpan timeout)
    {
        Deadline.WaitUntil(() => Symbols.All(s => Ring.TradeIds(Id(s)).LastOrDefault() == Count), timeout);
        await Feed.StopAsync();
    }

    /// <summary>The ids 1..N the tape's aggregates carry.</summary>
    public List<long> AllIds => [.. Enumerable.Range(1, Count).Select(i => (long)i)];

    public string Diagnose() => $"{MarketTapes.Diagnose(Server)}; feed: {Feed.Statistics.Snapshot() with { ExchangeToReceiveMicros = null!, ReceiveToRingNanos = null! }}";

    public async ValueTask DisposeAsync()
    {
        await Feed.DisposeAsync();
        await Server.DisposeAsync();
    }
}
