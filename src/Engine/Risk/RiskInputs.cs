using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// The account and market facts the risk gate needs for one signal, gathered by the caller (OMS and positions)
/// at the signal's event time. Plain values, so any stage can fill them and tests can write them by hand.
/// </summary>
public readonly struct RiskInputs
{
    /// <summary>Event time of the decision, Unix epoch ms UTC. The gate never reads a clock.</summary>
    public long TimeMs { get; init; }

    /// <summary>
    /// Account equity now: starting equity + realised PnL − fees + unrealised PnL at the mark (the venue's mark price
    /// when one is known, else the last trade price).
    /// The drawdown limit and sizing use it (contracts §5).
    /// </summary>
    public Money Equity { get; init; }

    /// <summary>
    /// The part of <see cref="Equity"/> that is the open positions' (realised since they opened, less their fees, plus
    /// unrealised at the mark). The daily-loss limit is on realised PnL, so it takes this back out of the equity.
    /// </summary>
    public Money OpenPnl { get; init; }

    /// <summary>Highest equity seen; a value below <see cref="Equity"/> is treated as <see cref="Equity"/>.</summary>
    public Money EquityPeak { get; init; }

    /// <summary>Realised PnL since 00:00 UTC of the event day, fees included (negative is a loss).</summary>
    public Money DailyRealisedPnl { get; init; }

    /// <summary>Losing trades closed in a row, most recent first.</summary>
    public int ConsecutiveLosses { get; init; }

    /// <summary>Entries made since 00:00 UTC of the event day.</summary>
    public int TradesToday { get; init; }

    /// <summary>Event time of the last position close (0 when none): the account's or the symbol's, by <see cref="RiskOptions.CooldownScope"/>.</summary>
    public long LastCloseTimeMs { get; init; }

    /// <summary>Open positions in the signal's symbol.</summary>
    public int OpenPositions { get; init; }

    /// <summary>Absolute notional already exposed in the signal's symbol.</summary>
    public Money SymbolExposure { get; init; }

    /// <summary>Last trade price of the symbol: the market entry price, and the fat-finger reference while no mark price is known.</summary>
    public Price LastTradePrice { get; init; }

    /// <summary>The venue's mark price of the symbol, the fat-finger reference once known; zero when none came yet.</summary>
    public Price MarkPrice { get; init; }

    /// <summary>Average true range, NaN when not warmed up. The only double the gate takes in.</summary>
    public double Atr { get; init; }

    /// <summary>Lowest low of the recent rows (the long swing stop); zero when unknown.</summary>
    public Price SwingLow { get; init; }

    /// <summary>Highest high of the recent rows (the short swing stop); zero when unknown.</summary>
    public Price SwingHigh { get; init; }

    public SymbolFilters Filters { get; init; }
}
