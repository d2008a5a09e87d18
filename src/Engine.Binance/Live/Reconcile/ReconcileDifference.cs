using Engine.Model;

namespace Engine.Binance.Live.Reconcile;

/// <summary>What the start-up reconciliation found different between the engine's rebuilt state and the venue.</summary>
public enum ReconcileDifferenceKind : byte
{
    None = 0,

    /// <summary>A fill of an engine order that happened while the engine was down: applied as a venue report.</summary>
    FillWhileDown = 1,

    /// <summary>A fill of an order the engine did not place, while it was down: passed on as a foreign fill.</summary>
    ForeignFillWhileDown = 2,

    /// <summary>An order the engine believed pending (its acknowledgement lost) is open at the venue: Accepted reported.</summary>
    OrderConfirmed = 3,

    /// <summary>An order the engine believed working is gone from the venue (canceled, expired, rejected, never placed).</summary>
    OrderVanished = 4,

    /// <summary>An open order the engine does not know, canceled (<see cref="UnknownOrderPolicy.Cancel"/>).</summary>
    UnknownOrderCanceled = 5,

    /// <summary>An open order the engine does not know, left in place (<see cref="UnknownOrderPolicy.Adopt"/>).</summary>
    UnknownOrderAdopted = 6,

    /// <summary>The venue's position is not what the engine's position is after the fills while down.</summary>
    PositionMismatch = 7,

    /// <summary>A position nothing protected got a stop (STOP_MARKET, closePosition, through the Algo Service).</summary>
    PositionProtected = 8,

    /// <summary>A position nothing protected, whose stop the venue refused, was closed at market.</summary>
    PositionFlattened = 9,

    /// <summary>The OMS's realised PnL or fees differ from the venue's (userTrades <c>realizedPnl</c>, <c>commission</c>).</summary>
    PnlDifference = 10,

    /// <summary>
    /// An order the engine had decided to cancel (PendingCancel) is still open at the venue: the cancel was lost with the
    /// process (a kill after the decision, before the request went out), so it is sent now.
    /// </summary>
    CancelResent = 11,
}

/// <summary>One difference, with what was done about it. <see cref="Text"/> is one line for the report, the log and an alert.</summary>
public readonly record struct ReconcileDifference(
    ReconcileDifferenceKind Kind, string Symbol, ClientOrderId ClientId, long VenueId, Quantity Quantity, Price Price, string Text)
{
    public override string ToString() => $"{Kind} {Symbol}: {Text}";
}
