namespace Engine.Market.Indicators;

/// <summary>
/// Wilder's RSI (0-100) as TA-Lib computes it: gains and losses of successive values; the first average gain and
/// loss are the simple means of the first N changes (so the first value comes with the (N+1)-th input), then
/// Wilder smoothing avg = (avg × (N-1) + x) / N. RSI = 100 × G / (G + L), and 0 when both are 0 (TA-Lib's choice
/// for a flat series). O(1) per update.
/// </summary>
public sealed class RelativeStrengthIndex
{
    private readonly int _period;
    private double _previous = double.NaN;
    private double _avgGain;
    private double _avgLoss;
    private int _changes;

    public RelativeStrengthIndex(int period = 14)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        _period = period;
    }

    public int Period => _period;

    public bool IsReady => _changes >= _period;

    public double Value
    {
        get
        {
            if (!IsReady)
            {
                return double.NaN;
            }

            double total = _avgGain + _avgLoss;
            return total == 0 ? 0.0 : 100.0 * (_avgGain / total);
        }
    }

    public double AverageGain => IsReady ? _avgGain : double.NaN;

    public double AverageLoss => IsReady ? _avgLoss : double.NaN;

    public long RejectedInputs { get; private set; }

    /// <summary>Adds a value; false (and counted) when it is NaN or infinite, which leaves the state unchanged.</summary>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            RejectedInputs++;
            return false;
        }

        double previous = _previous;
        _previous = value;
        if (double.IsNaN(previous))
        {
            return true; // the first value has no change
        }

        double change = value - previous;
        double gain = change > 0 ? change : 0.0;
        double loss = change < 0 ? -change : 0.0;
        if (_changes >= _period)
        {
            _avgGain = ((_avgGain * (_period - 1)) + gain) / _period;
            _avgLoss = ((_avgLoss * (_period - 1)) + loss) / _period;
            return true;
        }

        _avgGain += gain;
        _avgLoss += loss;
        if (++_changes == _period)
        {
            _avgGain /= _period;
            _avgLoss /= _period;
        }

        return true;
    }
}
