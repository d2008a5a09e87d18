namespace Engine.Cli.Configuration;

/// <summary>Which of Binance's two trade streams a replay keeps for a symbol whose input holds both (<c>Run:TradeStream</c>).</summary>
public enum TradeStream
{
    /// <summary><c>aggTrade</c>: one trade per taker order and price, ids without gaps (what the live feed reads).</summary>
    AggTrade,

    /// <summary><c>trade</c>: every fill.</summary>
    Trade,
}
