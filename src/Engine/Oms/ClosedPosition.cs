using Engine.Model;

namespace Engine.Oms;

/// <summary>One round trip from flat to flat, in exact fixed point, as the OMS accounted it (<see cref="RoundTrip"/>).</summary>
public struct ClosedPosition
{
    public SymbolId Symbol;

    /// <summary>Side of the entry: Buy for a long, Sell for a short.</summary>
    public Side Side;

    public long OpenedMs;
    public long ClosedMs;

    /// <summary>Largest absolute size the position reached.</summary>
    public Quantity Quantity;

    public Price EntryPrice;

    /// <summary>Quantity-weighted price of the fills that reduced the position.</summary>
    public Price ExitPrice;

    public Money RealizedPnl;
    public Money Fees;

    /// <summary>The role of the order whose fill returned the position to flat: why it closed.</summary>
    public OrderRole ExitRole;

    public readonly Money NetPnl => RealizedPnl - Fees;
}
