namespace Engine.Cli.Status;

/// <summary>What a status line shows, read from the engine's published counters by the status thread.</summary>
public readonly record struct StatusSnapshot(
    long Events,
    long RingDepth,
    long Signals,
    long Orders,
    long Fills,
    decimal RealizedPnl,
    long P99Nanos,
    double Progress);
