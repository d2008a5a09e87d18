namespace Engine.Pipeline;

/// <summary>
/// Counters written by the engine thread only. Other threads (status lines) may read them at any time and see values
/// a little behind; each is a naturally atomic 64-bit field.
/// </summary>
public sealed class EngineCounters
{
    public long Events;
    public long Trades;
    public long NonMarketTrades;
    public long Rows;
    public long Bars;
    public long Signals;
    public long SignalsAdmitted;
    public long OrderRequests;
    public long Reports;
    public long Fills;
    public long PositionsClosed;
    public long UnknownSymbolEvents;
    public long IgnoredEvents;

    /// <summary>Mark price events applied (EventKind.MarkPrice).</summary>
    public long MarkPrices;

    /// <summary>Runs of aggregate ids the live feed could not backfill (EventKind.FeedGap): each is journaled.</summary>
    public long FeedGaps;

    /// <summary>Pauses the venue asked for (EventKind.VenueThrottled, a 429): entries are refused until each ends.</summary>
    public long VenueThrottles;
}
