namespace Engine.Model;

/// <summary>
/// One closed time interval: a row of <c>aggregated.csv</c> (contracts §1), produced by aggregation or read as input.
/// </summary>
public struct AggregatedRow
{
    public SymbolId Symbol;

    /// <summary>Interval start, Unix epoch milliseconds UTC.</summary>
    public long StartMs;

    /// <summary>Interval length in milliseconds.</summary>
    public long IntervalMs;

    public long Trades;
    public Quantity TotalQty;
    public Quantity BuyQty;
    public Quantity SellQty;

    /// <summary>Volume-weighted average price; for an empty interval, the last close carried forward.</summary>
    public double AvgPrice;

    public Price ClosePrice;
    public Price HighPrice;
    public Price LowPrice;

    /// <summary>False for 8-column input files, which carry no HiPrice/LowPrice.</summary>
    public bool HasHighLow;

    /// <summary>False when the input carried no ClosePrice: consumers then use <see cref="AvgPrice"/>.</summary>
    public bool HasClose;

    public readonly Quantity Delta => BuyQty - SellQty;

    public readonly Quantity Volume => BuyQty + SellQty;

    /// <summary>|delta| / vol, 0 when vol is 0.</summary>
    public readonly double Imbalance
    {
        get
        {
            long vol = BuyQty.E8 + SellQty.E8;
            return vol == 0 ? 0.0 : Math.Abs((double)(BuyQty.E8 - SellQty.E8)) / vol;
        }
    }

    public readonly long EndMs => StartMs + IntervalMs;
}
