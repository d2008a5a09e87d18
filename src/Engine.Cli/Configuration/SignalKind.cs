namespace Engine.Cli.Configuration;

/// <summary>The signal a run trades.</summary>
public enum SignalKind
{
    /// <summary>The delta-peak detector on closed time intervals (contracts §3).</summary>
    DeltaScout,

    /// <summary>EMA crossover with Bollinger and RSI confirmation on closed volume bars.</summary>
    VolumeBar,
}
