using System.Diagnostics;
using Engine.Metrics;

namespace Engine.Sim.Market;

/// <summary>
/// The market side of one sim: the tape's frames, the sockets, what has been played (for the REST backfill and
/// premiumIndex), the injected market faults and the wire-to-wire histogram. Built in StartMarket.
/// </summary>
internal sealed class MarketService : IDisposable
{
    /// <summary>Wire-to-wire values are recorded in nanoseconds, up to one minute.</summary>
    private const long HighestWireToWireNs = 60_000_000_000;
    private readonly Lock _histogramGate = new();
    private readonly Dictionary<string, int> _symbolByStreamName;
    private readonly int[] _played;
    private readonly long[] _markE8;
    private readonly long[] _markTimeMs;
    private readonly HashSet<long>[] _backfilledIds;
    private long _lastTradeFrameSentTs;
    private long _backfillRequests;

    public MarketService(SimExchange exchange, IReadOnlyList<MarketSymbol> symbols, FrameStore store)
    {
        Exchange = exchange;
        Symbols = symbols;
        Store = store;
        Hub = new MarketHub(symbols.Count * MarketFrame.KindCount);
        _symbolByStreamName = symbols.ToDictionary(s => s.StreamName, s => s.Index, StringComparer.Ordinal);
        _played = new int[symbols.Count];
        _markE8 = new long[symbols.Count];
        _markTimeMs = new long[symbols.Count];
        _backfilledIds = [.. symbols.Select(_ => new HashSet<long>())];
        ReadOnlySpan<Model.Trade> trades = exchange.Tape.Trades;
        for (int i = trades.Length - 1; i >= 0; i--)
        {
            _markE8[trades[i].Symbol.Value] = trades[i].Price.E8; // before any play: the first trade's price
            _markTimeMs[trades[i].Symbol.Value] = trades[i].TradeTimeMs;
        }

        Hub.Subscribed += exchange.Clock.Start;
        Player = new MarketPlayer(this);
    }

    public SimExchange Exchange { get; }

    public IReadOnlyList<MarketSymbol> Symbols { get; }

    public FrameStore Store { get; }

    public MarketHub Hub { get; }

    public MarketPlayer Player { get; }

    public MarketLimits Limits => Exchange.Options.Market;

    /// <summary>Wire-to-wire latency: last trade frame flushed to a socket → order request received, ns.</summary>
    public Histogram WireToWire { get; } = new(HighestWireToWireNs, 3);

    /// <summary>Order requests that arrived before any trade frame was sent (not in the histogram).</summary>
    public long OrdersBeforeFirstFrame { get; private set; }

    public bool TryStream(string streamSymbol, StreamKind kind, out int stream)
    {
        bool known = _symbolByStreamName.TryGetValue(streamSymbol, out int symbol);
        stream = known ? (symbol * MarketFrame.KindCount) + (int)kind : -1;
        return known;
    }

    public bool TrySymbol(string name, out MarketSymbol symbol)
    {
        bool known = _symbolByStreamName.TryGetValue(name.ToLowerInvariant(), out int index);
        symbol = known ? Symbols[index] : null!;
        return known;
    }

    /// <summary>Requests that reached <c>GET /fapi/v1/aggTrades</c> (the backfill), whatever their answer (429, 503, 400 or the page).</summary>
    public long BackfillRequests => Interlocked.Read(ref _backfillRequests);

    /// <summary>The distinct aggTrade ids of the symbol that <c>GET /fapi/v1/aggTrades</c> has answered (a copy).</summary>
    public IReadOnlySet<long> BackfilledIds(int symbol)
    {
        lock (_backfilledIds[symbol])
        {
            return new HashSet<long>(_backfilledIds[symbol]);
        }
    }

    internal void CountBackfillRequest() => Interlocked.Increment(ref _backfillRequests);

    /// <summary>A backfill page answered these aggregates of <paramref name="symbol"/>.</summary>
    internal void Backfilled(int symbol, ReadOnlySpan<AggRecord> page)
    {
        lock (_backfilledIds[symbol])
        {
            foreach (AggRecord a in page)
            {
                _backfilledIds[symbol].Add(a.Id);
            }
        }
    }

    /// <summary>How many of the symbol's aggregates the tape has played (sent or skipped): the REST backfill serves these.</summary>
    public int PlayedAggregates(int symbol) => Volatile.Read(ref _played[symbol]);

    public (long MarkE8, long TimeMs) Mark(int symbol) => (Volatile.Read(ref _markE8[symbol]), Volatile.Read(ref _markTimeMs[symbol]));

    /// <summary>Player thread: one frame has been played.</summary>
    internal void Played(MarketFrame frame)
    {
        if (frame.AggIndex >= 0)
        {
            Volatile.Write(ref _played[frame.Symbol], frame.AggIndex + 1);
        }
        else if (frame.Kind == StreamKind.MarkPrice1s)
        {
            Volatile.Write(ref _markE8[frame.Symbol], frame.MarkE8);
            Volatile.Write(ref _markTimeMs[frame.Symbol], frame.EventTimeMs);
        }
    }

    /// <summary>A sender flushed a batch holding a trade or aggTrade frame at <paramref name="stopwatchTimestamp"/>.</summary>
    internal void TradeFrameSent(long stopwatchTimestamp) => Volatile.Write(ref _lastTradeFrameSentTs, stopwatchTimestamp);

    internal void OrderReceived(long stopwatchTimestamp)
    {
        long sent = Volatile.Read(ref _lastTradeFrameSentTs);
        lock (_histogramGate)
        {
            if (sent == 0)
            {
                OrdersBeforeFirstFrame++;
                return;
            }

            long ns = (long)((stopwatchTimestamp - sent) * (1e9 / Stopwatch.Frequency));
            WireToWire.RecordValue(Math.Clamp(ns, 0, HighestWireToWireNs));
        }
    }

    /// <summary>A copy of the histogram, safe to read while orders arrive.</summary>
    public Histogram WireToWireSnapshot()
    {
        lock (_histogramGate)
        {
            return WireToWire.Copy();
        }
    }

    public void Dispose()
    {
        Player.Dispose();
        Hub.DropAll("sim stopped");
    }
}
