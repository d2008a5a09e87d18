namespace Engine.Cli.Run;

/// <summary>
/// What a run measured, as written to <c>summary.json</c> (camelCase) and read back by <c>engine report</c>.
/// <see cref="LatencyNs"/> is end to end, in nanoseconds.
/// </summary>
public sealed record RunSummary
{
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
    public long Orders { get; init; }
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
    public long Rows { get; init; }

    /// <summary>Intervals still open at the end of the input: partial, not in aggregated.csv, not seen by DeltaScout.</summary>
    public IReadOnlyList<string> IntervalsLeftOpen { get; init; } = [];
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
}
