namespace Engine.Latency;

/// <summary>The figures the <c>ring</c> command reports (medians over runs) and writes as JSON.</summary>
internal sealed record RingSummary(
    long RingEventsPerSecond,
    long ChannelsEventsPerSecond,
    Percentiles RoundTripNanos,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
