namespace Engine.Model;

/// <summary>
/// A signal: the one a run trades (<c>Run:Signal</c>) and the one that produced a <see cref="TradeSignal"/>.
/// </summary>
public enum SignalSource : byte
{
    /// <summary>Market data and indicators only: nothing trades.</summary>
    None = 0,

    /// <summary>The delta-peak detector on closed time intervals (contracts §3).</summary>
    DeltaScout = 1,

    /// <summary>EMA crossover confirmed by a Bollinger breakout and RSI on closed volume bars.</summary>
    VolumeBar = 2,

    /// <summary>
    /// Not a signal: the latency probe (<c>Probe</c> section) sends a tiny order every N market trades, cancelled or
    /// closed at once, to measure tick-to-order. Bypasses the risk gate's sizing; the breaker still gates it.
    /// </summary>
    LatencyProbe = 3,
}
