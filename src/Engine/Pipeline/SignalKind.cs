namespace Engine.Pipeline;

/// <summary>The signal a run trades.</summary>
public enum SignalKind : byte
{
    /// <summary>The delta-peak detector on closed time intervals (contracts §3).</summary>
    DeltaScout = 0,

    /// <summary>EMA crossover confirmed by a Bollinger breakout and RSI on closed volume bars.</summary>
    VolumeBar = 1,

    /// <summary>Market data and indicators only: nothing trades.</summary>
    None = 2,
}
