using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// An admitted signal, sized: what to enter and how far the protective stop sits. Until the risk gate is wired in,
/// the caller supplies the quantity and stop distance.
/// </summary>
public readonly struct EntryPlan
{
    public EntryPlan(SymbolId symbol, Side side, Quantity quantity, Price stopDistance, Price referencePrice, long timeMs, OrderType entryType = OrderType.Market, Price limitPrice = default)
    {
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

    public long TimeMs { get; }

    /// <summary>Market or Limit.</summary>
    public OrderType EntryType { get; }

    public Price LimitPrice { get; }

    /// <summary>A market entry for a PEAK: long buys, short sells.</summary>
    public static EntryPlan FromSignal(in TradeSignal signal, Quantity quantity, Price stopDistance) =>
        new(signal.Symbol, signal.Direction == SignalDirection.Long ? Side.Buy : Side.Sell, quantity, stopDistance, signal.LastTradePrice, signal.TimeMs);
}
