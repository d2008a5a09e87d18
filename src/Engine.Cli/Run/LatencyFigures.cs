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
}
