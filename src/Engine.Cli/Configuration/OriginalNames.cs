using Engine.Risk;
using Engine.Signals;

namespace Engine.Cli.Configuration;

/// <summary>
/// The original scripts' setting names (DeltaScout's and the live-trading seed's risk settings, contracts §3-§5) and
/// the engine key each one sets. They are accepted as bare environment variables (<see cref="OriginalNamesConfigurationSource"/>)
/// and as keys inside their own section in any source (<c>"DeltaScout": { "IMB_MIN": 0.54 }</c>, <c>--set Risk:COOLDOWN_MIN=5</c>).
/// Every one is in the engine's units already (minutes, seconds, fractions), so none needs converting.
/// </summary>
public static class OriginalNames
{
    /// <summary>Original name → <c>Section:Property</c>.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [DeltaScoutOptions.RollWindowMinKey] = Scout(nameof(DeltaScoutOptions.RollWindowMin)),
        [DeltaScoutOptions.VwapWindowMinKey] = Scout(nameof(DeltaScoutOptions.VwapWindowMin)),
        [DeltaScoutOptions.PocStepUsdKey] = Scout(nameof(DeltaScoutOptions.PocStepUsd)),
        [DeltaScoutOptions.ZeroQtyThKey] = Scout(nameof(DeltaScoutOptions.ZeroQtyTh)),
        [DeltaScoutOptions.Avg9MaxKey] = Scout(nameof(DeltaScoutOptions.Avg9Max)),
        [DeltaScoutOptions.Chop30MaxKey] = Scout(nameof(DeltaScoutOptions.Chop30Max)),
        [DeltaScoutOptions.Coh10MinKey] = Scout(nameof(DeltaScoutOptions.Coh10Min)),
        [DeltaScoutOptions.ImbMinKey] = Scout(nameof(DeltaScoutOptions.ImbMin)),
        [DeltaScoutOptions.ImbMaxKey] = Scout(nameof(DeltaScoutOptions.ImbMax)),
        [DeltaScoutOptions.ImbMinLongKey] = Scout(nameof(DeltaScoutOptions.ImbMinLong)),
        [DeltaScoutOptions.ImbMinShortKey] = Scout(nameof(DeltaScoutOptions.ImbMinShort)),
        [DeltaScoutOptions.VwapMaxDistUsdKey] = Scout(nameof(DeltaScoutOptions.VwapMaxDistUsd)),
        ["RISK_PCT"] = Risk(nameof(RiskOptions.RiskPct)),
        ["ATR_MULT"] = Risk(nameof(RiskOptions.AtrMult)),
        ["MAX_NOTIONAL"] = Risk(nameof(RiskOptions.MaxNotional)),
        ["MAX_DAILY_LOSS_PCT"] = Risk(nameof(RiskOptions.MaxDailyLossPct)),
        ["MAX_DRAWDOWN_PCT"] = Risk(nameof(RiskOptions.MaxDrawdownPct)),
        ["MAX_CONSECUTIVE_LOSSES"] = Risk(nameof(RiskOptions.MaxConsecutiveLosses)),
        ["MAX_TRADES_PER_DAY"] = Risk(nameof(RiskOptions.MaxTradesPerDay)),
        ["COOLDOWN_MIN"] = Risk(nameof(RiskOptions.CooldownMinutes)),
        ["MAX_OPEN_POSITIONS"] = Risk(nameof(RiskOptions.MaxOpenPositionsPerSymbol)),
        ["MAX_SYMBOL_EXPOSURE"] = Risk(nameof(RiskOptions.MaxSymbolExposure)),
        ["ORDER_BURST"] = Risk(nameof(RiskOptions.OrderBurst)),
        ["ORDER_REFILL_SEC"] = Risk(nameof(RiskOptions.OrderRefillSeconds)),
        ["PRICE_BAND_PCT"] = Risk(nameof(RiskOptions.PriceBandPct)),
        ["ENTRY_OFFSET_PCT"] = Risk(nameof(RiskOptions.EntryLimitOffsetPct)),
    };

    /// <summary>
    /// The engine key for <paramref name="key"/>: <c>DeltaScout:IMB_MIN</c> → <c>DeltaScout:ImbMin</c>; any other key
    /// (an engine key already, or unknown) is returned as it is. An original name counts only inside its own section.
    /// </summary>
    public static string ToEngineKey(string key)
    {
        int colon = key.LastIndexOf(':');
        if (colon > 0 && Keys.TryGetValue(key[(colon + 1)..].ToUpperInvariant(), out string? engineKey)
            && string.Equals(engineKey[..engineKey.IndexOf(':', StringComparison.Ordinal)], key[..colon], StringComparison.OrdinalIgnoreCase))
        {
            return engineKey;
        }

        return key;
    }

    private static string Scout(string property) => "DeltaScout:" + property;

    private static string Risk(string property) => "Risk:" + property;
}
