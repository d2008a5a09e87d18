using Engine.Model;

namespace Engine.Signals;

/// <summary>One order the latency probe wants: side, type, limit (Cancel mode), quantity and the stop distance the OMS needs.</summary>
public readonly struct ProbeOrder
{
    public ProbeOrder(Side side, OrderType type, Price limitPrice, Quantity quantity, Price stopDistance)
    {
        Side = side;
        Type = type;
        LimitPrice = limitPrice;
        Quantity = quantity;
        StopDistance = stopDistance;
    }

    public Side Side { get; }

    /// <summary><see cref="OrderType.Limit"/> (Cancel mode) or <see cref="OrderType.Market"/> (Close mode).</summary>
    public OrderType Type { get; }

    /// <summary>The limit, on the tick and away from the market; zero for a market order.</summary>
    public Price LimitPrice { get; }

    public Quantity Quantity { get; }

    public Price StopDistance { get; }
}
