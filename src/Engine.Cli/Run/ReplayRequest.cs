using Engine.Cli.Configuration;

namespace Engine.Cli.Run;

/// <summary>A validated <c>engine replay</c>: inputs, configuration, run directory, pace and repeat count.</summary>
public sealed record ReplayRequest
{
    public required IReadOnlyList<string> Files { get; init; }

    public required EngineOptions Options { get; init; }

    /// <summary>The effective configuration with origins, saved into the run directory as <c>config.txt</c>.</summary>
    public IReadOnlyList<ConfigEntry> Effective { get; init; } = [];

    /// <summary>The run directory; null means <c>runs/&lt;UTC timestamp&gt;</c> under the current directory.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Recorded speed multiplier; null plays as fast as possible.</summary>
    public double? Speed { get; init; }

    public int Repeat { get; init; } = 1;

    /// <summary><c>--symbol</c>: trade CSVs hold Symbol:Name whatever their file names say.</summary>
    public bool SymbolGiven { get; init; }
}
