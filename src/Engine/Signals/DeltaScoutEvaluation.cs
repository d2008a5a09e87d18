using Engine.Model;

namespace Engine.Signals;

/// <summary>
/// Everything DeltaScout decided about one row: both candidate outcomes, the <c>zero</c> diagnostic, the context it
/// used, and the PEAK when one was emitted (at most one per row: a MIN after a long PEAK always sees a kind change).
/// </summary>
public struct DeltaScoutEvaluation
{
    /// <summary>Interval start of the row (the log's <c>ts</c>), Unix epoch ms UTC.</summary>
    public long RowStartMs;

    /// <summary>Step 2: a quiet minute (TotalQty &lt; ZERO_QTY_TH and mean TotalQty of the last 9 rows &lt; AVG9_MAX).</summary>
    public bool Zero;

    public DeltaScoutOutcome MaxOutcome;
    public DeltaScoutOutcome MinOutcome;

    /// <summary>True when <see cref="Peak"/> holds an emitted PEAK.</summary>
    public bool HasPeak;

    /// <summary>The PEAK: price = AvgPrice, delta/vol rounded to 2 decimals and imb to 3 (Python round), vwap/poc whole or NaN.</summary>
    public TradeSignal Peak;

    public bool VwapKnown;
    public long Vwap;
    public long Poc;

    /// <summary>price_now of the row (ClosePrice, or AvgPrice without a close column), and the gate statistics.</summary>
    public double PriceNow;
    public double Ema50;
    public double Chop30;
    public double Coh10;
}
