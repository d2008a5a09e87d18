namespace Engine.Metrics;

/// <summary>
/// One row of a percentile distribution: the value reached (high end of its equivalence range), the percentile
/// tick it answers (0-100) and the running count of values up to and including it.
/// </summary>
public readonly record struct PercentileStep(long Value, double Percentile, long TotalCountToThisValue);
