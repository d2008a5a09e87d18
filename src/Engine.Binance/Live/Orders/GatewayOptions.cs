namespace Engine.Binance.Live.Orders;

/// <summary>The gateway's settings (config section <c>Gateway</c>).</summary>
public sealed record GatewayOptions
{
    /// <summary>Prefix of every <c>newClientOrderId</c>/<c>clientAlgoId</c>: <c>{prefix}-{engine order id}</c>.</summary>
    public string ClientIdPrefix { get; init; } = "eng";

    /// <summary>Binance's <c>recvWindow</c>, ms (default 5000, at most 60000).</summary>
    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>How long one request may wait for its answer before its outcome is Unknown.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait before querying an order whose outcome is unknown; doubled after each inconclusive query.</summary>
    public int UnknownQueryFirstDelayMs { get; init; } = 50;

    /// <summary>Longest wait between two such queries.</summary>
    public int UnknownQueryMaxDelayMs { get; init; } = 2000;

    /// <summary>Queries per unknown outcome before the gateway leaves it to the OMS's own sweeps (still Unknown).</summary>
    public int UnknownQueryLimit { get; init; } = 8;

    /// <summary>Consecutive "no such order" answers (-2013) that settle an unknown submit as never placed.</summary>
    public int NotFoundConfirmations { get; init; } = 2;

    /// <summary>How often the server clock is re-read (besides at start and on -1021).</summary>
    public TimeSpan ClockSyncInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries of one request refused by a rate limit (429) before the gateway reports it rejected (-1003).</summary>
    public int ThrottleRetryLimit { get; init; } = 10;
}
