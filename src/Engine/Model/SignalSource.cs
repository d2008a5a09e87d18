namespace Engine.Model;

/// <summary>The signal that produced a <see cref="TradeSignal"/>.</summary>
public enum SignalSource : byte
{
    DeltaScout = 1,
    VolumeBar = 2,
}
