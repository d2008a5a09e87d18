namespace Engine.Cli.Status;

/// <summary>
/// What a status line shows: the trading figures the engine thread published (<c>PublishedAccount</c>), events done
/// and ring depth from the input ring's sequences, the latency of the last interval handed over. The process figures
/// (GC collections per generation since start, managed heap bytes) are -1 when not sampled, and then not shown. The
/// feed's figures (a live run's frames/s, reconnects, gaps found and filled, trades backfilled) are shown when
/// <see cref="FeedFramesPerSecond"/> is 0 or more. <see cref="Note"/> (a live run's start: reconciling, what it found) ends the line when set.
/// </summary>
public readonly record struct StatusSnapshot(
    long Events,
    long RingDepth,
    long Signals,
    long Orders,
    long Cancels,
    long Fills,
    decimal NetPnl,
    long P99Nanos,
    double Progress,
    long Gen0Collections = -1,
    long Gen1Collections = -1,
    long Gen2Collections = -1,
    long HeapBytes = -1,
    double FeedFramesPerSecond = -1,
    long FeedReconnects = 0,
    long FeedGapsFound = 0,
    long FeedGapsFilled = 0,
    long FeedTradesBackfilled = 0,
    string? Note = null);
