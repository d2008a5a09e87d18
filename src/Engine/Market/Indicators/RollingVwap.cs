namespace Engine.Market.Indicators;

/// <summary>
/// VWAP over the last N observations (bars, rows or trades): Σ(price × volume) / Σ volume, O(1) per update over a
/// preallocated window with compensated sums. Ready once N observations are in; NaN while the window has no volume.
/// </summary>
public sealed class RollingVwap
{
    private readonly RollingWindow _notionals;
    private readonly RollingWindow _volumes;
    private CompensatedSum _notional;
    private CompensatedSum _volume;

    public RollingVwap(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        _notionals = new RollingWindow(period);
        _volumes = new RollingWindow(period);
    }

    public int Period => _volumes.Length;

    public bool IsReady => _volumes.IsFull;

    public double Value
    {
        get
        {
            double volume = _volume.Value;
            return IsReady && volume > 0 ? _notional.Value / volume : double.NaN;
        }
    }

    public long RejectedInputs { get; private set; }

    /// <summary>Adds an observation; false (and counted) for a non-finite price, or a volume that is negative or not finite.</summary>
    public bool Update(double price, double volume)
    {
        if (!double.IsFinite(price) || !double.IsFinite(volume) || volume < 0)
        {
            RejectedInputs++;
            return false;
        }

        double notional = price * volume;
        if (_notionals.Push(notional, out double oldNotional))
        {
            _notional.Add(-oldNotional);
        }

        if (_volumes.Push(volume, out double oldVolume))
        {
            _volume.Add(-oldVolume);
        }

        _notional.Add(notional);
        _volume.Add(volume);
        return true;
    }
}
