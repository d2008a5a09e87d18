namespace Engine.Pipeline;

/// <summary>What a finished run measured about itself.</summary>
public sealed record RunStatistics
{
    public required long Events { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;
    public required long InputRingFullCount { get; init; }
    public required long OutputRingFullCount { get; init; }
    public required long EngineAllocatedBytes { get; init; }
    public required long EngineAllocatedBytesAfterWarmup { get; init; }
    public required int Gen0Collections { get; init; }
    public required int Gen1Collections { get; init; }
    public required int Gen2Collections { get; init; }
    public required bool Interrupted { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required long EngineFaults { get; init; }
    public required long JournalFaults { get; init; }
}
