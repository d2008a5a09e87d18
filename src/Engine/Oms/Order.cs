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

    public readonly Quantity Remaining => Quantity - Filled;
}
