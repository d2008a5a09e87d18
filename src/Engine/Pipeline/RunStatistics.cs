namespace Engine.Pipeline;

/// <summary>What a finished run measured about itself.</summary>
public sealed record RunStatistics
{
    /// <summary>Events the engine processed, warm-up included.</summary>
    public required long Events { get; init; }

    /// <summary>Wall-clock time of the whole run: threads started, input played, both rings drained.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Events after the warm-up, up to and including the end of the input (0 when the run never got past its warm-up).</summary>
    public long MeasuredEvents { get; init; }

    /// <summary>Engine-thread time from the end of the warm-up to the end of the input (zero when the run never got past its warm-up).</summary>
    public TimeSpan MeasuredElapsed { get; init; }

    /// <summary>True when <see cref="EventsPerSecond"/> is the rate after the warm-up; false when it is the whole run's.</summary>
    public bool MeasuredAfterWarmup => MeasuredEvents > 0 && MeasuredElapsed > TimeSpan.Zero;

    /// <summary>
    /// The engine's rate after its warm-up (start-up and compilation excluded, as for any measurement after a warm-up);
    /// the whole run's rate when it was too short to get past the warm-up.
    /// </summary>
    public double EventsPerSecond => MeasuredAfterWarmup ? MeasuredEvents / MeasuredElapsed.TotalSeconds : OverallEventsPerSecond;

    /// <summary>All events over the whole wall-clock run, start-up and the journal's final drain included.</summary>
    public double OverallEventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;
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
