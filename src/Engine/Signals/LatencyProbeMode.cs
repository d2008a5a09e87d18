namespace Engine.Signals;

/// <summary>What the latency probe does with each order it sends.</summary>
public enum LatencyProbeMode : byte
{
    /// <summary>A limit order away from the market (it rests, never fills), cancelled as soon as the venue accepts it.</summary>
    Cancel = 0,

    /// <summary>A market order, closed at market as soon as it fills (the OMS's flatten; its stop is cancelled).</summary>
    Close = 1,
}
