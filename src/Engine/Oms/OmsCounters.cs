using Engine.Model;

namespace Engine.Oms;

/// <summary>What the OMS has done and refused, for reports. Written by the engine thread only.</summary>
public sealed class OmsCounters
{
    public long EntriesSubmitted;
    public long EntriesBlocked;
    public long EntriesRejectedBeforeSending;
    public long EntriesFailed;
    public long OrdersSubmitted;
    public long CancelsSent;
    public long Fills;
    public long Rejections;
    public long StopRetries;
    public long EmergencyFlattens;
    public long TimeExits;
    public long PositionsClosed;
    public long TrailingMoves;

    /// <summary>Reports naming an order we do not know (never ours, or its slot reused).</summary>
    public long UnknownOrderReports;

    /// <summary>Entry fills that arrived after the entry was given up (Canceled → Filled): protected, never ignored.</summary>
    public long LateEntryFills;

    /// <summary>Fill reports whose cumulative quantity we had already applied.</summary>
    public long DuplicateFills;

    /// <summary>Fill reports beyond the order's quantity: applied as the venue's truth, and the plan reconciled.</summary>
    public long Overfills;

    /// <summary>Order requests the breaker's state did not allow (<c>CircuitBreaker.Allows</c>); never sent.</summary>
    public long RefusedByBreaker;

    /// <summary>Submits that found no free order-table slot.</summary>
    public long OrderTableFull;

    /// <summary>Stops refused with -2021 (price already through them): the position was flattened at once.</summary>
    public long StopsWouldTrigger;

    /// <summary>Stops refused for good (a final error code): the position was flattened at once.</summary>
    public long StopsRejectedFinal;

    /// <summary>Rejections that left an order's outcome open (timeouts, internal errors): the order became Unknown.</summary>
    public long OutcomesUnknown;

    /// <summary>Status queries sent for orders whose outcome was open (Unknown, or a cancel without an answer).</summary>
    public long QueriesSent;

    /// <summary>Orders whose outcome stayed open past <c>UnresolvedTimeoutMs</c> and were ended locally (a late fill still applies).</summary>
    public long UnresolvedOrdersEnded;

    /// <summary>Flatten orders the venue refused; resent after a back-off.</summary>
    public long FlattenRejections;

    /// <summary>Reports the state table does not allow; the order was left unchanged.</summary>
    public long IllegalTransitions;
    public OrderStatus LastIllegalFrom;
    public OrderEvent LastIllegalEvent;
    public ClientOrderId LastIllegalOrder;

    public EntryDecision LastBlockedReason;
}
