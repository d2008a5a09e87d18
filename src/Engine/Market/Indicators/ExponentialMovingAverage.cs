namespace Engine.Market.Indicators;

/// <summary>
/// Exponential moving average with alpha = 2 / (period + 1), O(1) per update, seeded as TA-Lib seeds it: no value
/// for the first N-1 inputs, the N-th output is the SMA of the first N inputs. <see cref="Value"/> is NaN until
/// <see cref="IsReady"/>. (DeltaScout's EMA50, seeded with the first value, is its own <c>ExponentialAverage</c>.)
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly double _alpha;
    private double _value = double.NaN;
    private double _seedSum;
    private int _count;

    public ExponentialMovingAverage(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        Period = period;
        _alpha = 2.0 / (period + 1);
    }

    public int Period { get; }

    public double Alpha => _alpha;

    public bool IsReady => _count >= WarmUp;

    public double Value => _value;

    public long RejectedInputs { get; private set; }

    private int WarmUp => Period;

    /// <summary>Adds a value; false (and counted) when it is NaN or infinite, which leaves the average unchanged.</summary>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            RejectedInputs++;
            return false;
        }

        if (_count >= WarmUp)
        {
            _value += _alpha * (value - _value);
        }
        else
        {
            _seedSum += value;
            if (_count + 1 == WarmUp)
            {
                _value = _seedSum / WarmUp;
            }
        }

        if (_count < int.MaxValue)
        {
            _count++;
        }

        return true;
    }
}
