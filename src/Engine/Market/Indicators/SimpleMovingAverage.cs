namespace Engine.Market.Indicators;

/// <summary>
/// Simple moving average over the last N values (TA-Lib SMA): O(1) per update over a preallocated window with a
/// compensated running sum. <see cref="Value"/> is NaN until N values have been seen.
/// </summary>
public sealed class SimpleMovingAverage
{
    private readonly RollingWindow _window;
    private CompensatedSum _sum;

    public SimpleMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        _window = new RollingWindow(period);
    }

    public int Period => _window.Length;

    public bool IsReady => _window.IsFull;

    public double Value => IsReady ? _sum.Value / _window.Length : double.NaN;

    /// <summary>Non-finite inputs refused by <see cref="Update"/>.</summary>
    public long RejectedInputs { get; private set; }

    /// <summary>Adds a value; false (and counted) when it is NaN or infinite, which leaves the average unchanged.</summary>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            RejectedInputs++;
            return false;
        }

        if (_window.Push(value, out double evicted))
        {
            _sum.Add(-evicted);
        }

        _sum.Add(value);
        return true;
    }
}
