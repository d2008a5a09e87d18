namespace Engine.Cli.Run;

/// <summary>
/// What a run measured, as written to <c>summary.json</c> (camelCase) and read back by <c>engine report</c>.
/// <see cref="LatencyNs"/> is end to end, in nanoseconds.
/// </summary>
public sealed record RunSummary
{
    /// <summary>Input events the engine processed (trades, rows, venue reports); the end-of-input marker is not one.</summary>
    public long Events { get; init; }

    /// <summary>The engine's rate after its warm-up (see <see cref="ThroughputAfterWarmup"/>).</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Wall-clock seconds of the whole run (start-up and the final drain of both rings included).</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>All events over <see cref="ElapsedSeconds"/>.</summary>
    public double EventsPerSecondOverall { get; init; }

    /// <summary>True when <see cref="EventsPerSecond"/> covers the events after the warm-up; false when the run was too short and it is the overall rate.</summary>
    public bool ThroughputAfterWarmup { get; init; }

    /// <summary>Events counted in <see cref="EventsPerSecond"/> (after the warm-up), and the engine-thread seconds they took.</summary>
    public long MeasuredEvents { get; init; }

    public double MeasuredSeconds { get; init; }
    public long Signals { get; init; }
    public long SignalsAdmitted { get; init; }

    /// <summary>Admitted signals by the rule that gave their stop distance: ATR × ATR_MULT, the swing, the fixed percent.</summary>
    public long StopRuleAtr { get; init; }
    public long StopRuleSwing { get; init; }
    public long StopRuleFixedPercent { get; init; }

    /// <summary>New orders sent: the rows of journal.db's <c>orders</c> table.</summary>
    public long Orders { get; init; }

    /// <summary>Cancel requests sent; journal.db keeps each as a status change of the order it cancels, not as a row.</summary>
    public long Cancels { get; init; }
    public long Fills { get; init; }
    public long PositionsClosed { get; init; }
    public long WinningPositions { get; init; }
    public decimal RealizedPnl { get; init; }
    public decimal FeesPaid { get; init; }
    public decimal NetPnl { get; init; }
    public LatencyFigures LatencyNs { get; init; } = new();
    public GcFigures GcCollections { get; init; } = new();
    public long AllocatedBytesEngineThread { get; init; }
    public long AllocatedBytesEngineThreadAfterWarmup { get; init; }
    public long InputRingFullCount { get; init; }
    public long OutputRingFullCount { get; init; }
    public long UnknownSymbolEvents { get; init; }
    public long MalformedLines { get; init; }

    /// <summary>The symbol the run traded (Symbol:Name).</summary>
    public string Symbol { get; init; } = string.Empty;

    /// <summary>Trades of the run's symbol the engine processed.</summary>
    public long Trades { get; init; }

    /// <summary>Trades that arrived after their interval's row was written (counted in no row).</summary>
    public long LateTrades { get; init; }

    /// <summary>Per input, the lines skipped because their symbol is not the run's.</summary>
    public IReadOnlyList<SkippedSymbol> SkippedSymbols { get; init; } = [];

    /// <summary>Runtime:LatencyBudgetMs: the end-to-end latency the run's p99.99 and maximum are held against.</summary>
    public double LatencyBudgetMs { get; init; } = 100;

    /// <summary>Trades that arrived after a trade with a higher id of their symbol: <see cref="ReorderedTrades"/> + <see cref="DroppedLateTrades"/>.</summary>
    public long OutOfOrderTrades { get; init; }

    /// <summary>Late trades that arrived within <c>Run:ReorderWindowMs</c> and were put back in id order.</summary>
    public long ReorderedTrades { get; init; }

    /// <summary>Late trades that arrived after the reorder window had given up on their id: counted and dropped.</summary>
    public long DroppedLateTrades { get; init; }

    /// <summary>Trades whose id was already seen for their symbol: counted and dropped (the first one is kept).</summary>
    public long DuplicateTrades { get; init; }

    /// <summary>Holes in a symbol's id sequence that never filled within the reorder window, and the ids they miss.</summary>
    public long IdGaps { get; init; }

    public long MissingIds { get; init; }

    /// <summary>The reorder window the run used, in trade-time milliseconds.</summary>
    public long ReorderWindowMs { get; init; }

    /// <summary>True when an input was found cut or corrupt part-way: the run stopped there (see <see cref="InputError"/>).</summary>
    public bool InputCut { get; init; }

    /// <summary>The input error that stopped the run (file and position), if any.</summary>
    public string? InputError { get; init; }

    /// <summary>The output error (disk full, read-only) that stopped the run, if any.</summary>
    public string? OutputError { get; init; }
    public long Rows { get; init; }

    /// <summary>Intervals still open at the end of the input: partial, not in aggregated.csv, not seen by DeltaScout.</summary>
    public IReadOnlyList<string> IntervalsLeftOpen { get; init; } = [];

    /// <summary>Runs of aggTrade ids the live feed could not backfill, as the engine received and journaled them: their intervals are incomplete.</summary>
    public IReadOnlyList<string> FeedGaps { get; init; } = [];
    public long Bars { get; init; }
    public long Peaks { get; init; }
    public string FillModel { get; init; } = "None";
    public int LatencySampleEvery { get; init; } = 1;
    public double? Speed { get; init; }
    public int Repeat { get; init; } = 1;
    public bool Interrupted { get; init; }
    public string? StopReason { get; init; }
    public string StartedUtc { get; init; } = string.Empty;
    public IReadOnlyList<string> Inputs { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public string NativeLibrary { get; init; } = string.Empty;
    public long EngineFaults { get; init; }
    public long JournalFaults { get; init; }

    /// <summary>A run on a live feed (<c>engine paper</c>): endpoints, threads, venue rules, feed health; null for a replay.</summary>
    public LiveRunFigures? Live { get; init; }
}
