namespace Engine.Oms;

/// <summary>Why a position was closed at market.</summary>
public enum FlattenReason : byte
{
    None = 0,
    TimeExit = 1,

    /// <summary>The protective stop could not be placed after the configured retries.</summary>
    StopPlacementFailed = 2,
    Operator = 3,

    /// <summary>The venue refused the stop with -2021: price is already through it.</summary>
    StopWouldTrigger = 4,

    /// <summary>The breaker went to HALTED while the entry was working: what it filled is not kept.</summary>
    Halted = 5,

    /// <summary>The position disagrees with the plan (an overfill that flipped it, a fill no plan expected).</summary>
    Unplanned = 6,
}
