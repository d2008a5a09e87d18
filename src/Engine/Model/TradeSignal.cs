namespace Engine.Model;

/// <summary>
/// A signal that wants a position, handed from stage 4 to the risk gate. For DeltaScout this is a PEAK event
/// (contracts §2) with its emitted fields; <see cref="Atr"/> feeds ATR-based sizing when known.
/// </summary>
public struct TradeSignal
{
    public SymbolId Symbol;
    public SignalSource Source;
    public SignalDirection Direction;

    /// <summary>Event time of the row or bar that produced the signal (its close), Unix epoch ms UTC.</summary>
    public long TimeMs;

    /// <summary>The signal's reference price (DeltaScout: the row's AvgPrice).</summary>
    public double Price;

    /// <summary>Last trade price when the signal fired: the reference for the price band and market entries.</summary>
    public Price LastTradePrice;

    public double Delta;
    public double Volume;
    public double Imbalance;

    /// <summary>Context VWAP and POC, NaN when unknown (the log writes <c>null</c>).</summary>
    public double Vwap;
    public double Poc;

    /// <summary>Average true range at the signal, NaN when not warmed up.</summary>
    public double Atr;
}
