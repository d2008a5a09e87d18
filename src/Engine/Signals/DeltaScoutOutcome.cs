namespace Engine.Signals;

/// <summary>
/// What happened to one peak candidate (MAX or MIN) of a row: a PEAK, or the first rule that stopped it (contracts §3).
/// </summary>
public enum DeltaScoutOutcome : byte
{
    /// <summary>The row's delta is not the window extreme on this side.</summary>
    NotCandidate = 0,

    /// <summary>MIN candidate not evaluated: the row's MAX evaluation ended the row without a PEAK (step 3).</summary>
    SkippedAfterMax,

    /// <summary>No previous candidate yet; this one becomes <c>prev</c>.</summary>
    NoPrevious,

    /// <summary>The previous candidate was of the other kind.</summary>
    KindChanged,

    /// <summary>Price on the wrong side of a known vwap (long below it, short above it).</summary>
    VwapSide,

    /// <summary>Price further than VWAP_MAX_DIST_USD from a known vwap.</summary>
    VwapTooFar,

    /// <summary>Not stronger than <c>prev</c> on all three of price, vol, vwap (strict).</summary>
    NotStronger,

    /// <summary>price_now not beyond EMA50, or not beyond a known vwap.</summary>
    TrendGate,

    /// <summary>CHOP30 above CHOP30_MAX.</summary>
    ChopGate,

    /// <summary>COH10 below COH10_MIN.</summary>
    CoherenceGate,

    /// <summary>imb outside the band [IMB_MIN(_LONG/_SHORT), IMB_MAX].</summary>
    ImbalanceGate,

    /// <summary>Every rule passed: a PEAK event was emitted.</summary>
    Peak,
}
