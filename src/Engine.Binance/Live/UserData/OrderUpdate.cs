using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// One decoded <c>ORDER_TRADE_UPDATE</c> (or <c>TRADE_LITE</c>, which fills the subset it has): the fields the stream
/// acts on, in the engine's types. Filled by <see cref="UserEventParser"/> without allocating.
/// </summary>
public struct OrderUpdate
{
    public SymbolId Symbol;

    /// <summary>Our id when <see cref="Origin"/> is <see cref="OrderOrigin.Engine"/>; none otherwise.</summary>
    public ClientOrderId ClientId;
    public OrderOrigin Origin;
    public Side Side;
    public ExecutionType Execution;
    public VenueOrderStatus Status;
    public OrderId VenueId;
    public Quantity OriginalQuantity;
    public Price Price;

    /// <summary>This fill (<c>l</c>, <c>L</c>) and the order's cumulative filled quantity (<c>z</c>; TRADE_LITE has none).</summary>
    public Quantity LastQuantity;
    public Price LastPrice;
    public Quantity CumulativeQuantity;

    /// <summary>Commission of this fill (<c>n</c>); <see cref="CommissionInQuote"/> is false when <c>N</c> is not USDT.</summary>
    public Money Commission;
    public bool CommissionInQuote;

    /// <summary>Realised profit of this fill as the venue books it (<c>rp</c>).</summary>
    public Money RealizedProfit;
    public long TradeId;
    public bool IsMaker;
    public bool ReduceOnly;

    /// <summary>Expiry reason <c>er</c> (0 none, 4 reduce-only competition, 5 liquidation…).</summary>
    public int ExpiryReason;
    public long EventTimeMs;
    public long TradeTimeMs;

    public readonly bool IsFill => LastQuantity.E8 != 0 && Execution is ExecutionType.Trade or ExecutionType.Calculated;
}
