using Engine.Metrics;

namespace Engine.Latency;

/// <summary>Latency percentiles in nanoseconds, read off an HDR histogram (3 significant digits).</summary>
internal readonly record struct Percentiles(long P50, long P90, long P99, long P999, long P9999, long Max)
{
    /// <summary>Reads the percentiles of <paramref name="nanos"/> (values recorded in ns); all zero when it is empty.</summary>
    public static Percentiles FromHistogram(Histogram nanos)
    {
        ArgumentNullException.ThrowIfNull(nanos);
        if (nanos.TotalCount == 0)
        {
            return default;
        }

        return new Percentiles(
            nanos.ValueAtPercentile(50),
            nanos.ValueAtPercentile(90),
            nanos.ValueAtPercentile(99),
            nanos.ValueAtPercentile(99.9),
            nanos.ValueAtPercentile(99.99),
            nanos.MaxValue);
    }

    /// <summary>The element-wise median of several runs' percentiles.</summary>
    public static Percentiles Median(IReadOnlyList<Percentiles> runs) => new(
        RingScenario.Median(runs.Select(r => r.P50)),
        RingScenario.Median(runs.Select(r => r.P90)),
        RingScenario.Median(runs.Select(r => r.P99)),
        RingScenario.Median(runs.Select(r => r.P999)),
        RingScenario.Median(runs.Select(r => r.P9999)),
        RingScenario.Median(runs.Select(r => r.Max)));
}
