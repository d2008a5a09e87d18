namespace Engine.Model;

/// <summary>
/// One venue report about one order, delivered to the OMS through the input ring (<see cref="EngineEvent.Report"/>):
/// acceptance, rejection with Binance's code, a partial or full fill, a cancel or its rejection, an expiry, or an
/// outcome left open. Fill fields are meaningful only for fill kinds.
/// </summary>
public struct VenueReport
{
    public VenueReportKind Kind;
    public ClientOrderId ClientId;
    public OrderId VenueId;
    public SymbolId Symbol;
    public Side Side;

    /// <summary>Binance error code of a rejection or cancel rejection; 0 otherwise.</summary>
    public BinanceErrorCode ErrorCode;

    /// <summary>Quantity and price of this fill (Binance <c>l</c> and <c>L</c>).</summary>
    public Quantity LastQuantity;
    public Price LastPrice;

    /// <summary>The venue's id of this fill's trade (Binance <c>t</c>); 0 when the report does not carry one.</summary>
    public long TradeId;

    /// <summary>Quantity filled so far, this fill included (Binance <c>z</c>).</summary>
    public Quantity CumulativeQuantity;

    /// <summary>Commission of this fill in the quote asset.</summary>
    public Money Fee;

    /// <summary>True when this fill added liquidity (maker fee).</summary>
    public bool IsMaker;

    /// <summary>Venue event time, Unix epoch ms UTC.</summary>
    public long EventTimeMs;

    public readonly bool IsFill => Kind is VenueReportKind.PartiallyFilled or VenueReportKind.Filled;
}
