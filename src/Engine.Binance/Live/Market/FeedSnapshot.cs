using Engine.Metrics;
using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>The feed's health at one moment (<see cref="FeedStatistics.Snapshot"/>): for the status line and the run report.</summary>
public sealed record FeedSnapshot
{
    public DateTime TakenUtc { get; init; }

    public DateTime StartedUtc { get; init; }

    /// <summary>Every WebSocket message received, of any stream.</summary>
    public long Frames { get; init; }

    /// <summary>aggTrade frames parsed (published, held or dropped as duplicates).</summary>
    public long TradeFrames { get; init; }

    public long MalformedFrames { get; init; }

    /// <summary>aggTrades dropped because their id had already reached the ring (overlap in a handover, a resent frame).</summary>
    public long Duplicates { get; init; }

    /// <summary>Connections re-opened after one ended without being asked to (server close, drop, stale stream, ping timeout).</summary>
    public long Reconnects { get; init; }

    /// <summary>Connections replaced before their lifetime ran out, with both open until the new one caught up.</summary>
    public long Handovers { get; init; }

    /// <summary>Runs of missing aggregate ids found (an id jump, or a check after a reconnect that found trades missed).</summary>
    public long GapsFound { get; init; }

    /// <summary>Gaps backfilled completely over REST.</summary>
    public long GapsFilled { get; init; }

    /// <summary>Trades that reached the ring from REST instead of the stream.</summary>
    public long TradesBackfilled { get; init; }

    public long BackfillRequests { get; init; }

    /// <summary>Backfill requests answered 429/418 (the feed then waited the server's Retry-After).</summary>
    public long BackfillRateLimited { get; init; }

    /// <summary>Backfill requests answered 5xx, timed out or failed to connect (retried with back-off).</summary>
    public long BackfillUnavailable { get; init; }

    public long TimerTicks { get; init; }

    /// <summary>Live trades dropped because the hold buffer was full during a backfill (the backfill fetched them instead).</summary>
    public long HeldOverflow { get; init; }

    public long ConnectionsOpen { get; init; }

    /// <summary>Connection attempts that failed (each followed by a jittered back-off).</summary>
    public long ConnectFailures { get; init; }

    /// <summary>Server clock minus local clock, ms, measured with <c>GET /fapi/v1/time</c> at start (0 when not measured).</summary>
    public long ClockOffsetMs { get; init; }

    public string? LastDisconnect { get; init; }

    /// <summary>Intervals that could not be backfilled, in the order found (also sent to the engine as FeedGap events).</summary>
    public IReadOnlyList<FeedGap> UnfillableGaps { get; init; } = [];

    /// <summary>Exchange event time E to local receive, µs, corrected by <see cref="ClockOffsetMs"/>.</summary>
    public required Histogram ExchangeToReceiveMicros { get; init; }

    /// <summary>Local receive to ring publish, ns (held and backfilled trades included: their wait is real).</summary>
    public required Histogram ReceiveToRingNanos { get; init; }

    /// <summary>Frames per second between <paramref name="earlier"/> and this snapshot (since the start when null).</summary>
    public double FramesPerSecond(FeedSnapshot? earlier)
    {
        DateTime from = earlier?.TakenUtc ?? StartedUtc;
        double seconds = (TakenUtc - from).TotalSeconds;
        return seconds <= 0 ? 0 : (Frames - (earlier?.Frames ?? 0)) / seconds;
    }
}
