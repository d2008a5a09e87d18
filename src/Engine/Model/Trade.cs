namespace Engine.Model;

/// <summary>
/// One trade (Binance <c>trade</c>) or aggregate trade (<c>aggTrade</c>), as parsed from the wire.
/// For a raw trade, <see cref="FirstTradeId"/> == <see cref="LastTradeId"/> == <see cref="Id"/>.
/// </summary>
public struct Trade
{
    public SymbolId Symbol;

    /// <summary>Trade id (<c>t</c>) or aggregate id (<c>a</c>): sequential per symbol, used for gap detection.</summary>
    public long Id;

    public long FirstTradeId;
    public long LastTradeId;
    public Price Price;
    public Quantity Quantity;

    /// <summary>Trade time <c>T</c>, Unix epoch milliseconds UTC: the event time every stage uses.</summary>
    public long TradeTimeMs;

    /// <summary>Event time <c>E</c>, Unix epoch milliseconds UTC.</summary>
    public long EventTimeMs;

    /// <summary><c>m</c>: true when the buyer was the maker, i.e. the taker sold.</summary>
    public bool BuyerIsMaker;

    public TradeType Type;

    /// <summary>True when <see cref="Id"/> is an aggregate id.</summary>
    public bool IsAggregate;

    public readonly Side TakerSide => BuyerIsMaker ? Side.Sell : Side.Buy;
}
