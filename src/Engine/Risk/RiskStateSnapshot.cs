namespace Engine.Risk;

/// <summary>
/// Everything the risk gate must carry across a restart: the breaker (state, why, until when, its event
/// counters), today's counters and the order-rate bucket. Plain fields so the journal can persist it as it likes;
/// <see cref="RiskGate.Restore"/> takes it back.
/// </summary>
public struct RiskStateSnapshot
{
    public TradingState State;

    /// <summary>The state a limit halt returns to at the next UTC day (an operator's REDUCING survives it).</summary>
    public TradingState StateBeforeTrip;

    public BreakerCause HaltCause;

    /// <summary>True when the halt came from a limit and ends at the start of UTC day <see cref="HaltDay"/> + 1.</summary>
    public bool HaltEndsNextDay;

    /// <summary>UTC day index (days since the Unix epoch) on which the halt began.</summary>
    public long HaltDay;

    public long TripCount;
    public long ResetCount;
    public BreakerEvent LastTrip;
    public BreakerEvent LastReset;

    /// <summary>UTC day index of the daily counters below.</summary>
    public long DayIndex;

    public int AdmittedToday;
    public int RejectedToday;

    public long OrderTokensLevel;
    public long OrderTokensLastMs;
    public bool OrderTokensStarted;
}
