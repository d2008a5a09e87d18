namespace Engine.Latency;

/// <summary>What the <c>pipeline</c> command measured, in the shape of <c>summary.json</c>.</summary>
internal sealed record PipelineSummary
{
    public required long Events { get; init; }
    public required long EventsPerSecond { get; init; }
    public required long Signals { get; init; }
    public required long Orders { get; init; }
    public required long Fills { get; init; }
    public required decimal RealizedPnl { get; init; }
    public required decimal FeesPaid { get; init; }

    /// <summary>End to end, completion − intended start, every event after warm-up.</summary>
    public required Percentiles LatencyNanos { get; init; }

    public required int Gen0Collections { get; init; }
    public required int Gen1Collections { get; init; }
    public required int Gen2Collections { get; init; }

    /// <summary>Bytes allocated on the engine thread after warm-up (the whole run when there was no warm-up).</summary>
    public required long AllocatedBytesEngineThread { get; init; }

    /// <summary>The floor (empty stages) of the same run; null when it was skipped.</summary>
    public required Percentiles? FloorNanos { get; init; }
}
