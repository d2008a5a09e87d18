namespace Engine.Metrics.Reporting;

/// <summary>One named latency series of a report (a pipeline stage or end to end), values in nanoseconds.</summary>
public sealed record LatencySeries(string Name, Histogram Histogram);
