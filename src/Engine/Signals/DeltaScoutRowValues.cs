using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Signals;

/// <summary>
/// One row's per-row gate values as the original computes them (contracts §3, floating-point parity): BuyQty and
/// SellQty parsed to the nearest IEEE double, then <c>delta = buy - sell</c>, <c>vol = buy + sell</c> and
/// <c>imb = abs(delta) / vol</c> (0 when vol is 0), one double operation each. So a row whose exact imbalance is 0.55
/// (buy 0.031, sell 0.009) has imb 0.5499999999999999 here too, and is decided as the original decides it.
/// </summary>
internal readonly struct DeltaScoutRowValues
{
    public readonly double Delta;
    public readonly double Vol;
    public readonly double Imb;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DeltaScoutRowValues(in AggregatedRow row)
    {
        // e8 / 10^8 is correctly rounded (both exact doubles below 2^53): the double Python's float() gives the text.
        double buy = DeltaScoutDetector.ToExactDouble(row.BuyQty.E8);
        double sell = DeltaScoutDetector.ToExactDouble(row.SellQty.E8);
        Delta = buy - sell;
        Vol = buy + sell;
        Imb = Vol == 0 ? 0.0 : Math.Abs(Delta) / Vol;
    }
}
