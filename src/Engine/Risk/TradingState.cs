namespace Engine.Risk;

/// <summary>The circuit breaker's state (contracts §5).</summary>
public enum TradingState : byte
{
    /// <summary>Every order the limits admit.</summary>
    Active = 0,

    /// <summary>Only orders that reduce exposure: reduce-only, protective exits, cancels.</summary>
    Reducing = 1,

    /// <summary>No new exposure and no discretionary reductions: protective exits and cancels only.</summary>
    Halted = 2,
}
