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

    /// <summary>Fill reports whose cumulative quantity we had already applied.</summary>
    public long DuplicateFills;

    /// <summary>Fill reports beyond the order's quantity; ignored.</summary>
    public long Overfills;

    /// <summary>Reports the state table does not allow; the order was left unchanged.</summary>
    public long IllegalTransitions;
    public OrderStatus LastIllegalFrom;
    public OrderEvent LastIllegalEvent;
    public ClientOrderId LastIllegalOrder;

    public EntryDecision LastBlockedReason;
}
