using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// What <see cref="OrderManager{TOut}.OnReport"/> did with one venue report: the OMS is the only place that accounts
/// PnL, so everything downstream (the output ring, the journal, the account) takes these figures as they are.
/// </summary>
public readonly record struct ReportResult
{
    public ReportOutcome Outcome { get; init; }

    /// <summary>The role of the reported order in its position's plan (None for an order the OMS does not know).</summary>
    public OrderRole Role { get; init; }

    /// <summary>The reported order's status once the report was handled (unchanged by a duplicate or an illegal edge; None for an unknown order).</summary>
    public OrderStatus Status { get; init; }

    /// <summary>PnL the fill realised (zero unless <see cref="FillApplied"/> and it reduced the position).</summary>
    public Money RealizedPnl { get; init; }

    /// <summary>The fill's fee as applied to the position (zero unless <see cref="FillApplied"/>).</summary>
    public Money Fee { get; init; }

    /// <summary>The fill returned the position to flat: the round trip is in <see cref="OrderManager{TOut}.LastClosed"/>.</summary>
    public bool ClosedRoundTrip { get; init; }

    /// <summary>A fill that moved the position (not a duplicate, not for an unknown order, not an illegal edge).</summary>
    public bool FillApplied { get; init; }
}
