using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// One combined-stream URI the feed keeps open, across its reconnects and handovers. Its open/closed state and the
/// last event time it delivered hold the market clock back while it is down (trades may be missing after that time).
/// Fields are written under the sequencer's lock.
/// </summary>
internal sealed class FeedRoute
{
    public FeedRoute(Uri uri, SymbolId[] tradeSymbols)
    {
        Uri = uri;
        TradeSymbols = tradeSymbols;
    }

    public Uri Uri { get; }

    /// <summary>The symbols whose aggTrade stream this route carries (checked by a backfill after each reconnect).</summary>
    public SymbolId[] TradeSymbols { get; }

    /// <summary>At least one connection of the route is open.</summary>
    public bool Open { get; set; }

    /// <summary>Event time of the last trade the route delivered, Unix ms; long.MinValue before any.</summary>
    public long LastEventMs { get; set; } = long.MinValue;

    /// <summary>While closed: the market time up to which nothing can be missing (the clock may not pass it).</summary>
    public long ClosedCapMs { get; set; } = long.MaxValue;
}

/// <summary>One WebSocket connection of a <see cref="FeedRoute"/> as the sequencer sees it.</summary>
internal sealed class FeedLink
{
    public FeedLink(FeedRoute route) => Route = route;

    public FeedRoute Route { get; }

    /// <summary>Set by the sequencer once this connection delivered a trade that continued or repeated the sequence (a handover may then close the old one).</summary>
    public bool CaughtUp { get; set; }
}
