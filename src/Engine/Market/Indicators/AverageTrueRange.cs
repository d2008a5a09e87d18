namespace Engine.Market.Indicators;

/// <summary>
/// Wilder's ATR as TA-Lib computes it: TR = max(high - low, |high - previous close|, |low - previous close|), so the
/// first bar has no TR; the first ATR is the mean of the first N TRs (it comes with the (N+1)-th bar), then
/// ATR = (ATR × (N-1) + TR) / N. O(1) per bar.
/// </summary>
public sealed class AverageTrueRange
{
    private readonly int _period;
    private double _previousClose = double.NaN;
    private double _atr;
    private int _ranges;

    public AverageTrueRange(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        _period = period;
    }

    public int Period => _period;

    public bool IsReady => _ranges >= _period;

    public double Value => IsReady ? _atr : double.NaN;

    /// <summary>The last bar's true range, NaN before the second bar.</summary>
    public double TrueRange { get; private set; } = double.NaN;

    public long RejectedInputs { get; private set; }

    /// <summary>Adds a bar; false (and counted) when a value is not finite or high &lt; low, leaving the state unchanged.</summary>
    public bool Update(double high, double low, double close)
    {
        if (!double.IsFinite(high) || !double.IsFinite(low) || !double.IsFinite(close) || high < low)
        {
            RejectedInputs++;
            return false;
        }

        double previousClose = _previousClose;
        _previousClose = close;
        if (double.IsNaN(previousClose))
        {
            return true; // the first bar has no previous close, hence no true range
        }

        double tr = Math.Max(high - low, Math.Max(Math.Abs(high - previousClose), Math.Abs(low - previousClose)));
        TrueRange = tr;
        if (_ranges >= _period)
        {
            _atr = ((_atr * (_period - 1)) + tr) / _period;
            return true;
        }

        _atr += tr;
        if (++_ranges == _period)
        {
            _atr /= _period;
        }

        return true;
    }
}
