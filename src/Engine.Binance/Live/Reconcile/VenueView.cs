using Engine.Binance.Live.UserData;
using Engine.Model;

namespace Engine.Binance.Live.Reconcile;

/// <summary>An open order of the run's symbols (GET /fapi/v1/openOrders), or an open conditional order (openAlgoOrders).</summary>
internal readonly record struct VenueOpenOrder(
    string Symbol, long VenueId, string ClientText, ClientOrderId EngineId, bool IsAlgo, Side Side, string Type, bool ClosePosition, bool ReduceOnly);

/// <summary>One of the account's fills (GET /fapi/v1/userTrades), with who placed its order.</summary>
internal readonly record struct VenueTrade(
    string Symbol, long TradeId, long OrderId, Side Side, Quantity Quantity, Price Price, Money Commission, bool CommissionInQuote,
    Money RealizedPnl, bool Maker, long TimeMs, ClientOrderId EngineId, OrderOrigin Origin);

/// <summary>Who placed one venue order (GET /fapi/v1/order) and its size.</summary>
internal readonly record struct VenueOrderOwner(ClientOrderId EngineId, OrderOrigin Origin, Quantity Quantity);

/// <summary>One symbol's position (GET /fapi/v2/positionRisk).</summary>
internal readonly record struct VenuePosition(Quantity Amount, Price Entry, Price Mark);

/// <summary>
/// Everything one pass asked the venue, gathered before anything is acted on, so a failed query can be retried from
/// the start without having told the engine half of it.
/// </summary>
internal sealed class VenueView
{
    public List<VenueOpenOrder> Open { get; } = [];

    /// <summary>The fills after the last one the engine knows, per symbol, in trade-id order.</summary>
    public List<VenueTrade> Trades { get; } = [];

    /// <summary>The venue's status of each engine order believed working that is not open (NOT_FOUND when the venue never had it).</summary>
    public Dictionary<long, string> Ends { get; } = [];

    public Dictionary<string, VenuePosition> Positions { get; } = [];

    /// <summary>The USDT wallet balance; null when the answer had no USDT line.</summary>
    public Money? WalletBalance { get; set; }

    public const string NotFound = "NOT_FOUND";
}
