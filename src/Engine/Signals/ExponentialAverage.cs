namespace Engine.Signals;

/// <summary>
/// EMA with alpha = 2 / (span + 1), seeded with the first value, then <c>ema = alpha·x + (1 - alpha)·ema</c>
/// (pandas <c>ewm(span, adjust=False)</c>). O(1) per value, no allocation.
/// </summary>
public struct ExponentialAverage
{
    private readonly double _alpha;
    private readonly double _keep;
    private double _value;
    private bool _seeded;

    public ExponentialAverage(int span)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, 1);
        _alpha = 2.0 / (span + 1);
        _keep = 1.0 - _alpha;
        _value = double.NaN;
        _seeded = false;
    }

    /// <summary>The current average; NaN before the first value.</summary>
    public readonly double Value => _value;

    public double Add(double x)
    {
        if (_seeded)
        {
            _value = (_alpha * x) + (_keep * _value);
        }
        else
        {
            _value = x;
            _seeded = true;
        }

        return _value;
    }

    public void Reset()
    {
        _value = double.NaN;
        _seeded = false;
    }
}
