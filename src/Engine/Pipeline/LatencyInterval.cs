using Engine.Metrics;

namespace Engine.Pipeline;

/// <summary>
/// One interval of the engine thread's stage latencies, handed over by <see cref="StageLatency.SwapInterval"/>: the
/// histograms the writer recorded into from the previous swap to this one, which it no longer touches. Valid and
/// unchanged until the next swap reuses it; a reader that needs the figures longer adds them up
/// (<see cref="LatencyTotals"/>) or copies them.
/// </summary>
public sealed class LatencyInterval
{
    internal LatencyInterval(Histogram[] set) => Set = set;

    /// <summary>The histograms, indexed by stage; the writer records here while the interval is active.</summary>
    internal Histogram[] Set { get; }

    /// <summary>The stage's histogram for this interval.</summary>
    public Histogram this[Stage stage] => Set[(int)stage];

    /// <summary>When the interval began (the previous swap, or the recorder's creation).</summary>
    public DateTime StartUtc { get; private set; }

    /// <summary>When the interval ended (this swap).</summary>
    public DateTime EndUtc { get; private set; }

    /// <summary>
    /// True when the warm-up ended inside this interval: its histograms hold only what came after, and every earlier
    /// interval holds warm-up values that the run's totals leave out.
    /// </summary>
    public bool RestartedAfterWarmup { get; private set; }

    /// <summary>Writer, inside a critical section: drops what was recorded so far and marks the interval.</summary>
    internal void Restart()
    {
        foreach (Histogram h in Set)
        {
            h.Reset();
        }

        RestartedAfterWarmup = true;
    }

    /// <summary>Reader: empties the interval before it goes back to the writer.</summary>
    internal void Clear()
    {
        foreach (Histogram h in Set)
        {
            h.Reset();
        }

        RestartedAfterWarmup = false;
    }

    internal void Seal(DateTime startUtc, DateTime endUtc)
    {
        StartUtc = startUtc;
        EndUtc = endUtc;
    }
}
