namespace Engine.Market.Indicators;

/// <summary>
/// Bollinger Bands over the last N values: middle = mean, upper/lower = mean ± k·σ with the population σ (TA-Lib
/// BBANDS with an SMA middle band). O(1) per update over a preallocated window.
/// </summary>
/// <remarks>
/// Numerics: the mean comes from a compensated window sum (no drift). The sum of squared deviations M2 is updated
/// Welford-style: growing, M2 += (x - m_old)(x - m_new); sliding x_out → x_in, M2 += (x_in - x_out)(x_in - m_new +
/// x_out - m_old). Both are exact identities, and every factor is a deviation from the mean, so rounding errors are
/// relative to the variance, not to x² as in Σx² - (Σx)²/N, which cancels catastrophically for prices like 60,000
/// moving by cents. What rounding remains still accumulates with the stream's length (measured: 0.2% of σ after
/// 100,000 updates of values near 10^9 moving by cents, see BollingerBandsTests), so each time the window has turned
/// over completely, sum and M2 are recomputed exactly from the window (two passes). That costs O(N) once every N
/// updates, O(1) amortized (about three extra operations per update), and bounds the drift to at most N sliding
/// steps however long the engine runs. M2 is clamped at 0 so σ is never NaN.
/// </remarks>
public sealed class BollingerBands
{
    private readonly RollingWindow _window;
    private readonly double _k;
    private CompensatedSum _sum;
    private double _m2;

    public BollingerBands(int period = 20, double deviations = 2.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        if (!double.IsFinite(deviations) || deviations < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(deviations), deviations, "must be a finite number ≥ 0");
        }

        _window = new RollingWindow(period);
        _k = deviations;
    }

    public int Period => _window.Length;

    public double Deviations => _k;

    public bool IsReady => _window.IsFull;

    public double Middle => IsReady ? Mean : double.NaN;

    /// <summary>Population standard deviation of the window.</summary>
    public double StandardDeviation => IsReady ? Math.Sqrt(_m2 / _window.Length) : double.NaN;

    public double Upper => Middle + (_k * StandardDeviation);

    public double Lower => Middle - (_k * StandardDeviation);

    public long RejectedInputs { get; private set; }

    private double Mean => _window.Count == 0 ? 0.0 : _sum.Value / _window.Count;

    /// <summary>Adds a value; false (and counted) when it is NaN or infinite, which leaves the bands unchanged.</summary>
    public bool Update(double value)
    {
        if (!double.IsFinite(value))
        {
            RejectedInputs++;
            return false;
        }

        double oldMean = Mean;
        if (_window.Push(value, out double evicted))
        {
            _sum.Add(-evicted);
            _sum.Add(value);
            double newMean = Mean;
            _m2 += (value - evicted) * (value - newMean + evicted - oldMean);
        }
        else
        {
            _sum.Add(value);
            _m2 += (value - oldMean) * (value - Mean);
        }

        if (_window.JustWrapped)
        {
            Resynchronize();
        }
        else if (_m2 < 0)
        {
            _m2 = 0; // rounding when all values are (nearly) equal
        }

        return true;
    }

    // Exact two-pass recomputation over the full window; see the remarks.
    private void Resynchronize()
    {
        ReadOnlySpan<double> values = _window.Values;
        _sum.Reset();
        for (int i = 0; i < values.Length; i++)
        {
            _sum.Add(values[i]);
        }

        double mean = Mean;
        double m2 = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double d = values[i] - mean;
            m2 += d * d;
        }

        _m2 = m2;
    }
}
