namespace Engine.Oms;

/// <summary>What the OMS did with an entry: sent it, or why not (a PEAK is never dropped silently).</summary>
public enum EntryDecision : byte
{
    Submitted = 0,
    BlockedInPosition = 1,
    BlockedEntryPending = 2,

    /// <summary>The breaker's state does not allow entries (REDUCING or HALTED).</summary>
    BlockedByBreaker = 3,
    RejectedUnknownSymbol = 4,
    RejectedBelowMinQuantity = 5,
    RejectedBelowMinNotional = 6,
    RejectedBadStopDistance = 7,
    RejectedOrderTableFull = 8,
}
