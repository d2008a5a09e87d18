using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>One decoded <c>ALGO_UPDATE</c> (a conditional order of the Algo Service): status and, once triggered, the order it placed.</summary>
public struct AlgoUpdate
{
    public SymbolId Symbol;

    /// <summary>Our id (from <c>caid</c>) when <see cref="Origin"/> is <see cref="OrderOrigin.Engine"/>.</summary>
    public ClientOrderId ClientId;
    public OrderOrigin Origin;
    public Side Side;

    /// <summary>NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, EXPIRED, REJECTED.</summary>
    public VenueOrderStatus Status;

    /// <summary>The venue's algo id (<c>aid</c>).</summary>
    public long AlgoId;

    /// <summary>The matching engine's order id after the trigger (<c>ai</c>); 0 before.</summary>
    public OrderId TriggeredOrderId;
    public Quantity Quantity;
    public Price TriggerPrice;
    public long EventTimeMs;
}
