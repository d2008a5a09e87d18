using Engine.Metrics;

namespace Engine.Pipeline;

/// <summary>
/// The run's stage latencies after the warm-up: the sum of every interval handed over by
/// <see cref="StageLatency.SwapInterval"/>, restarted at the interval in which the warm-up ended. Reader side only.
/// </summary>
public sealed class LatencyTotals
{
    private readonly Histogram[] _totals = new Histogram[StageLatency.StageCount];

    public LatencyTotals()
    {
        for (int i = 0; i < _totals.Length; i++)
        {
            _totals[i] = StageLatency.NewHistogram();
        }
    }

    public Histogram this[Stage stage] => _totals[(int)stage];

    /// <summary>Adds <paramref name="interval"/>; an interval in which the warm-up ended first drops what came before.</summary>
    public void Add(LatencyInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        for (int i = 0; i < _totals.Length; i++)
        {
            if (interval.RestartedAfterWarmup)
            {
                _totals[i].Reset();
            }

            _totals[i].Add(interval[(Stage)i]);
        }
    }

    /// <summary>Adds another run's totals (the latency program sums its rounds).</summary>
    public void Add(LatencyTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int i = 0; i < _totals.Length; i++)
        {
            _totals[i].Add(other._totals[i]);
        }
    }
}
