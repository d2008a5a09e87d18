namespace Engine.Cli.Status;

/// <summary>
/// What a status line shows, read from the engine's published counters by the status thread. The process figures
/// (GC collections per generation since start, managed heap bytes) are -1 when not sampled, and then not shown.
/// </summary>
public readonly record struct StatusSnapshot(
    long Events,
    long RingDepth,
    long Signals,
    long Orders,
    long Fills,
    decimal RealizedPnl,
    long P99Nanos,
    double Progress,
    long Gen0Collections = -1,
    long Gen1Collections = -1,
    long Gen2Collections = -1,
    long HeapBytes = -1);
