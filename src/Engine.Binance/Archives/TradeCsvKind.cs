namespace Engine.Binance.Archives;

/// <summary>What a trade CSV holds; needed only for headerless files whose name does not say.</summary>
public enum TradeCsvKind : byte
{
    /// <summary>From the header (<c>agg_trade_id</c> means aggTrades), else from "aggTrades" in the file name.</summary>
    Auto = 0,
    Trades = 1,
    AggTrades = 2,
}
