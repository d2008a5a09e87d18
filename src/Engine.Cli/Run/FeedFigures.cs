namespace Engine.Cli.Run;

/// <summary>
/// The market-data feed's health over a live run, as the report and <c>summary.json</c> give it: what was received,
/// every reconnect and handover, the gaps in the aggTrade ids and how they were backfilled, and the two latencies
/// of a frame before the engine sees it (exchange <c>E</c> to local receive, with the clock offset that figure
/// includes; receive to the input ring), in nanoseconds.
/// </summary>
public sealed record FeedFigures
{
    public long Frames { get; init; }

    /// <summary>Frames over the run's feed time.</summary>
    public double FramesPerSecond { get; init; }

    public long Reconnects { get; init; }

    /// <summary>Connection attempts that failed (refused, or dropped before the stream was up); each is retried after the back-off.</summary>
    public long ConnectFailures { get; init; }

    /// <summary>Proactive handovers to a new connection before the 24 h limit.</summary>
    public long Handovers { get; init; }

    public long GapsFound { get; init; }

    public long GapsFilled { get; init; }

    /// <summary>Gaps the backfill could not fill: their intervals are named in <see cref="UnfilledIntervals"/>.</summary>
    public long GapsUnfilled { get; init; }

    /// <summary>aggTrades fetched over REST (<c>GET /fapi/v1/aggTrades?fromId=</c>) and fed in id order.</summary>
    public long TradesBackfilled { get; init; }

    /// <summary><c>GET /fapi/v1/aggTrades</c> requests sent by the backfill, answered or not (429, 5xx and retries included).</summary>
    public long BackfillRequests { get; init; }

    /// <summary>Frames dropped as already seen (aggTrade id at or below the last one fed).</summary>
    public long DuplicatesDropped { get; init; }

    /// <summary>Server clock minus local clock (GET /fapi/v1/time at start); <see cref="ExchangeToReceiveNs"/> is corrected by it.</summary>
    public double ClockOffsetMs { get; init; }

    public LatencyFigures ExchangeToReceiveNs { get; init; } = new();

    public LatencyFigures ReceiveToRingNs { get; init; } = new();

    public IReadOnlyList<string> UnfilledIntervals { get; init; } = [];
}
