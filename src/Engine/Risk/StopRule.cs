namespace Engine.Risk;

/// <summary>
/// Where a protective stop's distance came from (contracts §4/§5: "from a recent swing or an ATR multiple"), and, in
/// <see cref="RiskOptions.StopRule"/>, which of the two is tried first. The other is tried next, then the
/// fixed-percent fallback when <see cref="RiskOptions.StopFallbackPct"/> is above 0.
/// </summary>
public enum StopRule : byte
{
    /// <summary>No stop distance (a rejected signal).</summary>
    None = 0,

    /// <summary>ATR × ATR_MULT, the ATR of the closed rows (needs HiPrice/LowPrice).</summary>
    Atr = 1,

    /// <summary>Beyond the recent swing: the lowest low (long) or highest high (short) of the last SWING_LOOKBACK rows.</summary>
    Swing = 2,

    /// <summary>The entry price × STOP_FALLBACK_PCT, when neither rule above gives a distance.</summary>
    FixedPercent = 3,
}
