using Engine.Model;

namespace Engine.Oms;

/// <summary>One slot of the <see cref="OrderTable"/>: what the engine knows about one of its orders. Engine thread only.</summary>
public struct Order
{
    public ClientOrderId ClientId;
    public OrderId VenueId;
    public SymbolId Symbol;
    public OrderRole Role;
    public Side Side;
    public OrderType Type;
    public OrderStatus Status;
    public Price Price;
    public Price StopPrice;
    public Quantity Quantity;
    public Quantity Filled;
    public bool ReduceOnly;
    public long SubmittedMs;
    public long UpdatedMs;
    public BinanceErrorCode LastError;

    /// <summary>True once the venue has shown it knows the order (an acknowledgement, a fill, a venue id).</summary>
    public bool Acknowledged;

    /// <summary>True once the submit's outcome was left open (timeout, 5xx): a later -2011 then means "never placed".</summary>
    public bool OutcomeWasUnknown;

    /// <summary>Trade id of the last fill applied (0 when none, or when reports carry none).</summary>
    public long LastTradeId;

    /// <summary>Event time the order entered Unknown or PendingCancel, and of the last query sent about it.</summary>
    public long UnresolvedSinceMs;
    public long LastQueryMs;

    public readonly Quantity Remaining => Quantity - Filled;
}
