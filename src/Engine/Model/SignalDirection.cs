namespace Engine.Model;

/// <summary>Which way a signal wants to trade: <c>long</c> (a buying peak) or <c>short</c>.</summary>
public enum SignalDirection : byte
{
    Long = 1,
    Short = 2,
}
