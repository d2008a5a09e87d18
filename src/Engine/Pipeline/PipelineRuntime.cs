using Engine.Ring;

namespace Engine.Pipeline;

/// <summary>How the pipeline runs: cores, wait strategy, ring sizes, warm-up. Validated by the caller's configuration.</summary>
public sealed record PipelineRuntime
{
    /// <summary>CPU for the engine thread; -1 leaves it unpinned.</summary>
    public int EngineCpu { get; init; } = -1;

    /// <summary>CPU for the feed thread (the caller of <see cref="EnginePipeline{TJournal}.Run"/>); -1 leaves it unpinned.</summary>
    public int FeedCpu { get; init; } = -1;

    /// <summary>CPU for the journal thread; -1 leaves it unpinned.</summary>
    public int JournalCpu { get; init; } = -1;

    public WaitStrategyKind EngineWait { get; init; } = WaitStrategyKind.Yielding;

    /// <summary>
    /// How the output ring's attached consumer (the order gateway) waits for the engine's outputs: Sleeping (the
    /// journal's way, up to a millisecond late) or, where an order's latency matters, Yielding or BusySpin. Blocking is
    /// taken as Sleeping (the engine thread signals no lock on a publish).
    /// </summary>
    public WaitStrategyKind OutputConsumerWait { get; init; } = WaitStrategyKind.Sleeping;

    public int InputRingSize { get; init; } = 1 << 16;

    public int OutputRingSize { get; init; } = 1 << 16;

    public int RealtimePriority { get; init; }

    /// <summary>Input events processed before latency histograms are reset and allocation is counted.</summary>
    public long WarmupEvents { get; init; }

    /// <summary>Events the feed claims and fills per batch.</summary>
    public int FeedBatch { get; init; } = 256;

    /// <summary>
    /// Keep the <see cref="Model.EngineEvent.ReceivedTimestamp"/> the feed wrote instead of stamping each batch on
    /// arrival: a paced injector sets each event's intended start, so latency is free of coordinated omission.
    /// </summary>
    public bool FeedStampsTime { get; init; }

    /// <summary>
    /// Live input: the input ring takes any number of producer threads (market-data connections, the gateway, the timer,
    /// operators) through <see cref="EnginePipeline{TJournal}.Input"/>, and the run is <see cref="EnginePipeline{TJournal}.RunLive"/>.
    /// Off (replay): one feed thread pulls from an <see cref="IInputFeed"/>, claiming without compare-and-set.
    /// </summary>
    public bool LiveInput { get; init; }

    /// <summary>The simulated venue fills orders on the engine thread (replay, paper); off when a gateway stands in its place (live).</summary>
    public bool PaperVenue { get; init; } = true;
}
