namespace Engine.Model;

/// <summary>Binance USD-M order types the engine sends (stops go to the Algo Service live; the paper venue emulates them).</summary>
public enum OrderType : byte
{
    Market = 1,
    Limit = 2,

    /// <summary>STOP_MARKET: becomes a market order when the trade price reaches the stop price.</summary>
    StopMarket = 3,

    /// <summary>TAKE_PROFIT_MARKET: a market order triggered when the price reaches the target.</summary>
    TakeProfitMarket = 4,
}
