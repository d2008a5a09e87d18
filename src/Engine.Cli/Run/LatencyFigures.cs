namespace Engine.Cli.Run;

/// <summary>Headline latency percentiles in nanoseconds.</summary>
public sealed record LatencyFigures
{
    public long P50 { get; init; }
    public long P99 { get; init; }
    public long P999 { get; init; }
    public long P9999 { get; init; }
    public long Max { get; init; }

    /// <summary>Events timed (0 in summaries written before it was recorded).</summary>
    public long Count { get; init; }

    /// <summary>The percentiles of a histogram recorded in nanoseconds; all zero when it is empty.</summary>
    public static LatencyFigures Of(Engine.Metrics.Histogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return histogram.TotalCount == 0 ? new LatencyFigures() : new LatencyFigures
        {
            P50 = histogram.ValueAtPercentile(50),
            P99 = histogram.ValueAtPercentile(99),
            P999 = histogram.ValueAtPercentile(99.9),
            P9999 = histogram.ValueAtPercentile(99.99),
            Max = histogram.MaxValue,
            Count = histogram.TotalCount,
        };
    }
}
