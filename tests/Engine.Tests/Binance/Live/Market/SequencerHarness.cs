using Engine.Binance.Live.Market;
using Engine.Model;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>A <see cref="TradeSequencer"/> with its backfill over a <see cref="FakeHistory"/>, fed frames by hand.</summary>
internal sealed class SequencerHarness : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public SequencerHarness(MarketFeedOptions? options = null, params string[] symbols)
    {
        symbols = symbols.Length == 0 ? ["BTCUSDT"] : symbols;
        Options = (options ?? new MarketFeedOptions()) with { Symbols = symbols, JitterSeed = 7 };
        Registry = new SymbolRegistry(symbols);
        Sequencer = new TradeSequencer(Registry, symbols, Ring, Stats, Options);
        Filler = new GapFiller(Sequencer, History, Options, Stats, _stop.Token);
        Sequencer.OnRecovery(Filler.Start);
        Route = new FeedRoute(new Uri("ws://127.0.0.1:1/market/stream?streams=btcusdt@aggTrade"), [.. symbols.Select(s => Registry.TryGet(s.AsSpan(), out SymbolId id) ? id : SymbolId.None)]);
        Link = new FeedLink(Route);
        Sequencer.RouteOpened(Route, handover: false);
    }

    public MarketFeedOptions Options { get; }

    public SymbolRegistry Registry { get; }

    public ListPublisher Ring { get; } = new();

    public FeedStatistics Stats { get; } = new();

    public FakeHistory History { get; } = new();

    public TradeSequencer Sequencer { get; }

    public GapFiller Filler { get; }

    public FeedRoute Route { get; }

    public FeedLink Link { get; }

    public SymbolId Btc => Id("BTCUSDT");

    public SymbolId Id(string symbol) => Registry.TryGet(symbol.AsSpan(), out SymbolId id) ? id : SymbolId.None;

    public void Frame(byte[] frame, FeedLink? link = null) => Sequencer.OnFrame(link ?? Link, frame, Engine.Timing.EngineClock.Timestamp(), (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100);

    public void Trades(string symbol, long fromId, long toId, FeedLink? link = null)
    {
        for (long id = fromId; id <= toId; id++)
        {
            Frame(FeedFrames.AggTrade(symbol, id), link);
        }
    }

    /// <summary>True once no symbol is recovering (the backfill tasks finished).</summary>
    public bool Settled(TimeSpan timeout) => Support.Deadline.WaitUntil(
        () => Options.Symbols.All(s => Sequencer.State(Id(s)) is { Recovering: false }), timeout);

    public void Dispose()
    {
        _stop.Cancel();
        Filler.DrainAsync().Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
