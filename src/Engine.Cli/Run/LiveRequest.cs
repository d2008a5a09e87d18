using Engine.Cli.Configuration;

namespace Engine.Cli.Run;

/// <summary>A validated <c>engine live</c>: symbols, venue, configuration, run directory, how long, and the real-money consent.</summary>
public sealed record LiveRequest
{
    public required IReadOnlyList<string> Symbols { get; init; }

    public required EngineOptions Options { get; init; }

    public IReadOnlyList<ConfigEntry> Effective { get; init; } = [];

    /// <summary><c>--endpoint</c>: one base for every REST and WS path (the venue is then <c>Custom</c>).</summary>
    public string? Endpoint { get; init; }

    /// <summary><c>--i-understand-this-trades-real-money</c>.</summary>
    public bool RealMoneyAllowed { get; init; }

    public string? OutputDirectory { get; init; }

    /// <summary><c>--resume DIR</c>: rebuild from the run's event journal, then reconcile with the venue.</summary>
    public bool Resume { get; init; }

    public TimeSpan? Duration { get; init; }

    /// <summary>Where the API key variables are read (the process environment by default).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>The market data; the command passes Binance's streams.</summary>
    public required PaperFeedFactory Feed { get; init; }

    public int Cores { get; init; } = System.Environment.ProcessorCount;

    public int StartAttempts { get; init; } = 3;
}
