namespace Engine.Binance.Live.Orders;

/// <summary>What the gateway did, for the run report. Written by the gateway thread; read as a snapshot.</summary>
public sealed class GatewayCounters
{
    public long Submits;
    public long Cancels;
    public long Queries;
    public long Requests;
    public long Accepted;
    public long Rejected;

    /// <summary>Order requests whose answer left the outcome open (timeout, 5xx, send failure).</summary>
    public long OutcomesUnknown;

    /// <summary>Of those, settled by a query (found, or confirmed absent).</summary>
    public long UnknownsResolved;

    /// <summary>Of those, still open after the query budget (the OMS's own sweeps continue).</summary>
    public long UnknownsLeftOpen;

    public long ClockResyncs;
    public long TimestampRetries;
    public long Throttled;
    public long Banned;
    public long RateLimitWaits;
    public long FallbackSends;
    public long UnsupportedRequests;
}
