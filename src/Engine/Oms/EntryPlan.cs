using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// An admitted signal, sized: what to enter, where the protective stop sits and how far it is from the entry
/// (the take-profits are multiples of that distance).
/// </summary>
public readonly struct EntryPlan
{
    public EntryPlan(SymbolId symbol, Side side, Quantity quantity, Price stopDistance, Price referencePrice, long timeMs, OrderType entryType = OrderType.Market, Price limitPrice = default, Price stopPrice = default)
    {
        StopPrice = stopPrice;
        Symbol = symbol;
        Side = side;
        Quantity = quantity;
        StopDistance = stopDistance;
        ReferencePrice = referencePrice;
        TimeMs = timeMs;
        EntryType = entryType;
        LimitPrice = limitPrice;
    }

    public SymbolId Symbol { get; }
    public Side Side { get; }

    /// <summary>Wanted quantity; floored to the lot step before sending.</summary>
    public Quantity Quantity { get; }

    /// <summary>Distance from the entry fill price to the stop-loss (ATR multiple or swing).</summary>
    public Price StopDistance { get; }

    /// <summary>Last trade price at the signal: the reference for the minimum-notional check of a market entry.</summary>
    public Price ReferencePrice { get; }

    /// <summary>
    /// The protective stop the risk gate sized the entry for (on the tick, rounded toward the entry so the loss at the
    /// stop stays within the risk). Zero when the caller gives only a distance: the OMS then puts the stop at the first
    /// fill's price ∓ <see cref="StopDistance"/>, also rounded toward the entry.
    /// </summary>
    public Price StopPrice { get; }

    public long TimeMs { get; }

    /// <summary>Market or Limit.</summary>
    public OrderType EntryType { get; }

    public Price LimitPrice { get; }

    /// <summary>A market entry for a PEAK: long buys, short sells.</summary>
    public static EntryPlan FromSignal(in TradeSignal signal, Quantity quantity, Price stopDistance) =>
        new(signal.Symbol, signal.Direction == SignalDirection.Long ? Side.Buy : Side.Sell, quantity, stopDistance, signal.LastTradePrice, signal.TimeMs);
}
