using Engine.Cli.Configuration;

namespace Engine.Cli.Run;

/// <summary>A validated <c>engine paper</c>: symbols, where the market is, configuration, run directory, how long.</summary>
public sealed record PaperRequest
{
    public required IReadOnlyList<string> Symbols { get; init; }

    public required EngineOptions Options { get; init; }

    public IReadOnlyList<ConfigEntry> Effective { get; init; } = [];

    /// <summary><c>--endpoint</c>: one base for every REST and WS path; null uses the configured network's hosts.</summary>
    public string? Endpoint { get; init; }

    public string? OutputDirectory { get; init; }

    /// <summary><c>--resume DIR</c>: continue the run in <see cref="OutputDirectory"/> from its event journal (a new run there when it holds none).</summary>
    public bool Resume { get; init; }

    /// <summary><c>--duration</c>; null runs until stopped (Ctrl-C / SIGTERM).</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The market data; the command passes Binance's streams.</summary>
    public required PaperFeedFactory Feed { get; init; }

    /// <summary>Cores the thread plan is chosen for (the machine's by default).</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>exchangeInfo attempts at start before the run gives up (each failure waits, honouring Retry-After up to 30 s).</summary>
    public int StartAttempts { get; init; } = 3;
}
