namespace Engine.Risk;

/// <summary>One change of the breaker's state: the cause, the state it moved to, and the event time it happened.</summary>
public readonly record struct BreakerEvent(BreakerCause Cause, TradingState State, long TimeMs);
