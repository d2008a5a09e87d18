namespace Engine.Latency;

/// <summary>Round-trip percentiles in nanoseconds (nearest rank over sorted samples).</summary>
internal readonly record struct RoundTripPercentiles(long P50, long P90, long P99, long P999, long P9999, long Max)
{
    /// <summary>Sorts <paramref name="samplesNanos"/> in place and reads the percentiles off it.</summary>
    public static RoundTripPercentiles FromSamples(long[] samplesNanos)
    {
        ArgumentOutOfRangeException.ThrowIfZero(samplesNanos.Length);
        Array.Sort(samplesNanos);
        return new RoundTripPercentiles(
            Rank(samplesNanos, 0.50),
            Rank(samplesNanos, 0.90),
            Rank(samplesNanos, 0.99),
            Rank(samplesNanos, 0.999),
            Rank(samplesNanos, 0.9999),
            samplesNanos[^1]);
    }

    /// <summary>The element-wise median of several runs' percentiles.</summary>
    public static RoundTripPercentiles Median(IReadOnlyList<RoundTripPercentiles> runs) => new(
        RingScenario.Median(runs.Select(r => r.P50)),
        RingScenario.Median(runs.Select(r => r.P90)),
        RingScenario.Median(runs.Select(r => r.P99)),
        RingScenario.Median(runs.Select(r => r.P999)),
        RingScenario.Median(runs.Select(r => r.P9999)),
        RingScenario.Median(runs.Select(r => r.Max)));

    // Nearest rank: the smallest sample with at least p of all samples at or below it.
    internal static long Rank(long[] sorted, double p)
    {
        int rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
