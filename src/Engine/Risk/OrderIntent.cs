namespace Engine.Risk;

/// <summary>Why an order is being sent; the breaker's state decides which intents may pass.</summary>
public enum OrderIntent : byte
{
    /// <summary>Opens or adds to a position.</summary>
    Entry = 1,

    /// <summary>A stop-loss, its replacement, or an emergency / operator flatten at market.</summary>
    ProtectiveExit = 2,

    /// <summary>Cancels a working order.</summary>
    Cancel = 3,

    /// <summary>A discretionary reduction: take-profit legs, time exits, partial closes.</summary>
    ReduceOnly = 4,
}
