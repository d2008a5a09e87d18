namespace Engine.Binance.ExchangeInfo;

/// <summary>
/// One entry of exchangeInfo's <c>rateLimits</c>: <paramref name="Limit"/> units of <paramref name="Type"/>
/// (<c>REQUEST_WEIGHT</c>, <c>ORDERS</c>, <c>RAW_REQUESTS</c>) per <paramref name="IntervalNum"/> ×
/// <paramref name="Interval"/> (<c>SECOND</c>, <c>MINUTE</c>, <c>HOUR</c>, <c>DAY</c>).
/// </summary>
public sealed record ExchangeRateLimit(string Type, string Interval, int IntervalNum, int Limit)
{
    /// <summary>The window's length; zero for an interval name this reader does not know.</summary>
    public TimeSpan Window => Interval switch
    {
        "SECOND" => TimeSpan.FromSeconds(IntervalNum),
        "MINUTE" => TimeSpan.FromMinutes(IntervalNum),
        "HOUR" => TimeSpan.FromHours(IntervalNum),
        "DAY" => TimeSpan.FromDays(IntervalNum),
        _ => TimeSpan.Zero,
    };

    /// <summary>As Binance's headers name the window: <c>1M</c>, <c>10S</c>, <c>1D</c>.</summary>
    public override string ToString() => $"{Type} {Limit}/{IntervalNum}{(Interval.Length > 0 ? Interval[0] : '?')}";
}
