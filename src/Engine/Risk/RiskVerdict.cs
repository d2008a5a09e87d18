namespace Engine.Risk;

/// <summary>
/// The risk gate's answer to a signal: <see cref="Admitted"/>, or the first check that failed. Members are declared
/// in the order the gate runs its checks (contracts §5), so a lower value is an earlier check; <see cref="VenueThrottled"/>,
/// checked right after the order rate, came later and is numbered last so stored values keep their meaning.
/// </summary>
public enum RiskVerdict : byte
{
    Admitted = 0,

    /// <summary>The signal itself is malformed (no direction): bad input, counted, never traded.</summary>
    InvalidSignal = 1,

    // 1. trading state
    Halted = 2,
    Reducing = 3,

    // 2-5. account limits (each may trip the breaker)
    DailyLossLimit = 4,
    MaxDrawdown = 5,
    ConsecutiveLosses = 6,
    TradesPerDay = 7,

    // 6. cooldown since the last close
    Cooldown = 8,

    // 7. open positions and exposure for the symbol
    MaxOpenPositions = 9,
    MaxExposure = 10,

    // 8. order rate (token bucket in event time)
    OrderRate = 11,

    // 9. price band against the mark price, or the last trade while none is known (fat finger)
    NoReferencePrice = 12,
    PriceBand = 13,

    // 10. venue filters (tick rounding is by construction; see PositionSizer) and sizing
    UnknownFilters = 14,
    PriceOutOfRange = 15,
    PercentPrice = 16,
    NoStopDistance = 17,
    StopTooClose = 18,
    StopOutOfRange = 19,
    SizeRoundsToZero = 20,
    BelowMinQty = 21,
    BelowMinNotional = 22,

    /// <summary>8b. The venue asked for a pause (a 429's Retry-After, <c>EventKind.VenueThrottled</c>) that has not ended.</summary>
    VenueThrottled = 23,
}
