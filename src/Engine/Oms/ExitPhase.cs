namespace Engine.Oms;

/// <summary>Where a symbol's position plan is.</summary>
public enum ExitPhase : byte
{
    /// <summary>No position and no entry in flight (possibly cooling down).</summary>
    Idle = 0,

    /// <summary>The entry is sent and not yet finished.</summary>
    Entering = 1,

    /// <summary>Position open with its stop and take-profits.</summary>
    Open = 2,

    /// <summary>A reduce-only market order is closing the position.</summary>
    Flattening = 3,
}
