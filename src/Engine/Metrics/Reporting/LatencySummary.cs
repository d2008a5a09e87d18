namespace Engine.Metrics.Reporting;

/// <summary>
/// The headline numbers of one series, in nanoseconds: what the JSON summary and the tables print.
/// Percentiles are HdrHistogram's (top of the equivalence range of the ceil(p·N)-th value).
/// </summary>
public sealed record LatencySummary(
    string Name,
    long Count,
    long MinNanos,
    double MeanNanos,
    long P50Nanos,
    long P90Nanos,
    long P99Nanos,
    long P999Nanos,
    long P9999Nanos,
    long MaxNanos,
    long Overflow)
{
    public static LatencySummary From(string name, Histogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new LatencySummary(
            name,
            histogram.TotalCount,
            histogram.MinValue,
            histogram.Mean,
            histogram.ValueAtPercentile(50),
            histogram.ValueAtPercentile(90),
            histogram.ValueAtPercentile(99),
            histogram.ValueAtPercentile(99.9),
            histogram.ValueAtPercentile(99.99),
            histogram.MaxValue,
            histogram.OverflowCount);
    }
}
