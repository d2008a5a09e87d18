using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// The order an admitted signal becomes: side, quantity on the lot step, entry (a limit price, or the last trade
/// for a market order) and the protective stop on the tick. <c>default</c> when the signal was rejected.
/// </summary>
public readonly struct OrderSizing
{
    public Side Side { get; init; }

    /// <summary>True for a limit entry at <see cref="EntryPrice"/>; false for a market entry.</summary>
    public bool IsLimit { get; init; }

    public Quantity Quantity { get; init; }

    /// <summary>Limit price, or the last trade price a market entry is expected to fill near.</summary>
    public Price EntryPrice { get; init; }

    /// <summary>Protective stop, rounded to the tick towards the entry so the loss at the stop stays within the risk.</summary>
    public Price StopPrice { get; init; }

    /// <summary>The unrounded stop distance the quantity was computed from (ATR × ATR_MULT, the swing stop, or the fixed-percent fallback).</summary>
    public Price StopDistance { get; init; }

    /// <summary>Which rule gave <see cref="StopDistance"/>: ATR, swing or the fixed-percent fallback.</summary>
    public StopRule StopRule { get; init; }

    /// <summary>equity × RISK_PCT, floored to 10^-8.</summary>
    public Money RiskAmount { get; init; }

    /// <summary>
    /// Estimated fees of the round trip if it ends at the stop: Risk:FeeRate × (entry + stop) × quantity, rounded up. Outside
    /// the contract's sizing unless Risk:FeeInclusiveSizing is on; reported beside <see cref="RiskAmount"/>.
    /// </summary>
    public Money EstimatedFees { get; init; }

    /// <summary>EntryPrice × Quantity.</summary>
    public Money Notional { get; init; }
}
