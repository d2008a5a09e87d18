using Engine.Model;
using Engine.Oms;
using Engine.Risk;
using Engine.Signals;

namespace Engine.Pipeline;

/// <summary>The one place an admitted signal's sizing (stage 5) becomes the OMS's entry (stage 6).</summary>
public static class EntryPlans
{
    /// <summary>
    /// The entry the gate sized: its side and quantity, a limit at its price or a market order, and its protective stop
    /// (already on the tick, rounded toward the entry), which the OMS uses as it is.
    /// </summary>
    public static EntryPlan FromSizing(SymbolId symbol, in OrderSizing sizing, long timeMs) =>
        new(symbol, sizing.Side, sizing.Quantity, sizing.StopDistance, sizing.EntryPrice, timeMs,
            sizing.IsLimit ? OrderType.Limit : OrderType.Market, sizing.IsLimit ? sizing.EntryPrice : Price.Zero, sizing.StopPrice);

    /// <summary>The latency probe's order as an entry: its own size and limit, its offset as the stop distance.</summary>
    public static EntryPlan FromProbe(SymbolId symbol, in ProbeOrder order, Price lastPrice, long timeMs) =>
        new(symbol, order.Side, order.Quantity, order.StopDistance, lastPrice, timeMs, order.Type, order.LimitPrice);
}
