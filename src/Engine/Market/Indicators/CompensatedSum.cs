using System.Runtime.CompilerServices;

namespace Engine.Market.Indicators;

/// <summary>
/// A running sum with Neumaier (improved Kahan) compensation. Sliding windows add the new value and subtract the old
/// one forever; a plain double sum would drift by about one rounding per update, this one stays within a few units
/// in the last place of the true window sum however long it runs.
/// </summary>
internal struct CompensatedSum
{
    private double _sum;
    private double _compensation;

    public readonly double Value => _sum + _compensation;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double value)
    {
        double t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    public void Reset()
    {
        _sum = 0;
        _compensation = 0;
    }
}
