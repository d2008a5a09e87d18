namespace Engine.Risk;

/// <summary>What moved the circuit breaker: a limit that tripped it, an operator command, or a reset.</summary>
public enum BreakerCause : byte
{
    None = 0,
    DailyLoss = 1,
    Drawdown = 2,
    ConsecutiveLosses = 3,
    TradesPerDay = 4,
    OperatorHalt = 5,
    OperatorFlatten = 6,
    OperatorReduce = 7,
    OperatorResume = 8,

    /// <summary>A limit halt ended because event time reached the next UTC day.</summary>
    NewUtcDay = 9,
}
