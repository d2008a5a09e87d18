namespace Engine.Oms;

/// <summary>What the OMS did with one venue report; only applied fills change positions and PnL.</summary>
public enum ReportOutcome : byte
{
    /// <summary>Applied: the order moved, and a fill changed the position.</summary>
    Applied = 0,

    /// <summary>A fill beyond the order's quantity: applied (the venue's fill is the truth), counted, and the plan reconciled.</summary>
    Overfill = 1,

    /// <summary>A fill already applied (same trade id, or no new cumulative quantity): counted, not applied again.</summary>
    Duplicate = 2,

    /// <summary>A report naming an order the OMS does not know: counted.</summary>
    UnknownOrder = 3,

    /// <summary>An edge the state table does not allow: counted, the order left as it was.</summary>
    Illegal = 4,
}
