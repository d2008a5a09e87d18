using Engine.Model;

namespace Engine.Sim.Trading;

/// <summary>An order of the desk (regular order book side; conditional orders are <see cref="DeskAlgo"/> until they trigger).</summary>
internal sealed class DeskOrder
{
    public long OrderId;
    public string ClientOrderId = "";
    public DeskAccount Owner = null!;
    public DeskSymbol Symbol = null!;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public Price Price;
    public Price StopPrice;
    public Quantity OrigQty;
    public Quantity Filled;
    public decimal CumQuote;
    public bool ReduceOnly;
    public bool ClosePosition;
    public bool TakerOnFill;
    public bool Triggered;
    public string Status = "NEW";
    public string OrigType = "";
    public string WorkingType = "CONTRACT_PRICE";
    public bool PriceProtect;
    public string SelfTradePrevention = "EXPIRE_MAKER";
    public long TimeMs;
    public long UpdateTimeMs;

    public Quantity Remaining => OrigQty - Filled;

    public bool IsOpen => Status is "NEW" or "PARTIALLY_FILLED";

    public decimal AvgPrice => Filled.E8 == 0 ? 0m : CumQuote / Filled.ToDecimal();

    public string TypeText => Type switch
    {
        OrderType.Limit => "LIMIT",
        OrderType.Market => "MARKET",
        OrderType.StopMarket => "STOP_MARKET",
        OrderType.TakeProfitMarket => "TAKE_PROFIT_MARKET",
        _ => "LIMIT",
    };

    public string TimeInForceText => DeskParams.TimeInForceText(TimeInForce);

    public string SideText => Side == Side.Buy ? "BUY" : "SELL";
}

/// <summary>A conditional order of the Algo Service: waits for its trigger, then places a regular order.</summary>
internal sealed class DeskAlgo
{
    public long AlgoId;
    public string ClientAlgoId = "";
    public DeskAccount Owner = null!;
    public DeskSymbol Symbol = null!;
    public Side Side;

    /// <summary>STOP_MARKET, TAKE_PROFIT_MARKET, STOP or TAKE_PROFIT.</summary>
    public string OrderType = "";
    public Price TriggerPrice;
    public Price Price;
    public Quantity Quantity;
    public TimeInForce TimeInForce = TimeInForce.Gtc;
    public bool ReduceOnly;
    public bool ClosePosition;
    public bool PriceProtect;
    public string WorkingType = "CONTRACT_PRICE";
    public string Status = "NEW";
    public long CreateTimeMs;
    public long UpdateTimeMs;
    public long TriggerTimeMs;
    public DeskOrder? Actual;

    public bool IsOpen => Status == "NEW";

    /// <summary>How the trigger is tested: stops as stop-market, take-profits as take-profit-market (FillRules).</summary>
    public Model.OrderType TriggerKind => OrderType.StartsWith("STOP", StringComparison.Ordinal) ? Model.OrderType.StopMarket : Model.OrderType.TakeProfitMarket;

    public bool IsMarket => OrderType.EndsWith("_MARKET", StringComparison.Ordinal);
}

/// <summary>One position (one-way mode: one signed amount per symbol).</summary>
internal sealed class DeskPosition
{
    public Quantity Amount;
    public decimal EntryPrice;
    public decimal Realized;
    public long UpdateTimeMs;
}

/// <summary>One fill of an account (userTrades).</summary>
internal sealed record DeskTrade(long Id, long OrderId, DeskSymbol Symbol, Side Side, Price Price, Quantity Quantity, decimal Commission, decimal RealizedPnl, bool Maker, long TimeMs);

/// <summary>The desk's state of one account: wallet, positions, leverage, orders, fills.</summary>
internal sealed class DeskAccount(SimAccount account, decimal wallet)
{
    public SimAccount Account { get; } = account;

    public string ApiKey => Account.ApiKey;

    /// <summary>USDT wallet balance: deposits + realised PnL − fees.</summary>
    public decimal Wallet { get; set; } = wallet;

    public Dictionary<int, DeskPosition> Positions { get; } = [];

    public Dictionary<int, int> Leverage { get; } = [];

    public Dictionary<string, DeskOrder> OpenByClientId { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, DeskAlgo> AlgoByClientId { get; } = new(StringComparer.Ordinal);

    public List<DeskTrade> Trades { get; } = [];

    /// <summary>Hedge mode (<c>/fapi/v1/positionSide/dual</c>); the sim refuses orders while it is on (-4061).</summary>
    public bool DualSidePosition { get; set; }

    /// <summary>Multi-assets margin mode (<c>/fapi/v1/multiAssetsMargin</c>); kept and answered, margin stays USDT.</summary>
    public bool MultiAssetsMargin { get; set; }

    /// <summary>Margin type per symbol id, <c>ISOLATED</c> or <c>CROSSED</c> (default).</summary>
    public Dictionary<int, string> MarginTypes { get; } = [];

    /// <summary>countdownCancelAll deadlines per symbol id, server time ms.</summary>
    public Dictionary<int, long> Countdowns { get; } = [];

    public string MarginTypeOf(DeskSymbol symbol) => MarginTypes.TryGetValue(symbol.Id.Value, out string? t) ? t : "CROSSED";

    public DeskPosition Position(DeskSymbol symbol)
    {
        if (!Positions.TryGetValue(symbol.Id.Value, out DeskPosition? p))
        {
            p = new DeskPosition();
            Positions[symbol.Id.Value] = p;
        }

        return p;
    }

    public int LeverageOf(DeskSymbol symbol) => Leverage.TryGetValue(symbol.Id.Value, out int l) ? l : SimTradingDesk.DefaultLeverage;
}
