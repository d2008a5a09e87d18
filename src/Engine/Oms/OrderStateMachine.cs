using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// The order lifecycle as one table: one row per legal edge. Every edge not listed is illegal; the caller counts it
/// and leaves the order as it was. Binance's realities are rows here: fills racing cancels, cancels that fail,
/// reports that overtake the acknowledgement, outcomes left open by timeouts and 5xx.
/// </summary>
public static class OrderStateMachine
{
    private const OrderStatus Illegal = (OrderStatus)255;

    /// <summary>The status after <paramref name="evt"/>; false (and <paramref name="next"/> = <paramref name="current"/>) when illegal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryNext(OrderStatus current, OrderEvent evt, out OrderStatus next)
    {
        OrderStatus to = Next(current, evt);
        bool legal = to != Illegal;
        next = legal ? to : current;
        return legal;
    }

    private static OrderStatus Next(OrderStatus current, OrderEvent evt) => (current, evt) switch
    {
        (OrderStatus.PendingSubmit, OrderEvent.Accepted) => OrderStatus.Accepted,
        (OrderStatus.PendingSubmit, OrderEvent.Rejected) => OrderStatus.Rejected,
        (OrderStatus.PendingSubmit, OrderEvent.PartiallyFilled) => OrderStatus.PartiallyFilled, // the user-stream fill overtook the REST acknowledgement
        (OrderStatus.PendingSubmit, OrderEvent.Filled) => OrderStatus.Filled, // same race, a market order filled at once
        (OrderStatus.PendingSubmit, OrderEvent.CancelRequested) => OrderStatus.PendingCancel, // cancel before the ack: the venue may still see the submit first
        (OrderStatus.PendingSubmit, OrderEvent.Canceled) => OrderStatus.Canceled,
        (OrderStatus.PendingSubmit, OrderEvent.Expired) => OrderStatus.Expired, // IOC or GTX that ended at once
        (OrderStatus.PendingSubmit, OrderEvent.OutcomeUnknown) => OrderStatus.Unknown, // timeout or 5xx: Binance says it may have executed

        (OrderStatus.Accepted, OrderEvent.PartiallyFilled) => OrderStatus.PartiallyFilled,
        (OrderStatus.Accepted, OrderEvent.Filled) => OrderStatus.Filled,
        (OrderStatus.Accepted, OrderEvent.CancelRequested) => OrderStatus.PendingCancel,
        (OrderStatus.Accepted, OrderEvent.Canceled) => OrderStatus.Canceled, // canceled by the venue or another session
        (OrderStatus.Accepted, OrderEvent.Expired) => OrderStatus.Expired,

        (OrderStatus.PartiallyFilled, OrderEvent.PartiallyFilled) => OrderStatus.PartiallyFilled,
        (OrderStatus.PartiallyFilled, OrderEvent.Filled) => OrderStatus.Filled,
        (OrderStatus.PartiallyFilled, OrderEvent.CancelRequested) => OrderStatus.PendingCancel,
        (OrderStatus.PartiallyFilled, OrderEvent.Canceled) => OrderStatus.Canceled,
        (OrderStatus.PartiallyFilled, OrderEvent.Expired) => OrderStatus.Expired,

        (OrderStatus.PendingCancel, OrderEvent.Accepted) => OrderStatus.PendingCancel, // the submit's ack arrives after we asked to cancel
        (OrderStatus.PendingCancel, OrderEvent.PartiallyFilled) => OrderStatus.PendingCancel, // still filling until the venue sees the cancel
        (OrderStatus.PendingCancel, OrderEvent.Filled) => OrderStatus.Filled, // the venue filled it before it saw our cancel
        (OrderStatus.PendingCancel, OrderEvent.Canceled) => OrderStatus.Canceled,
        (OrderStatus.PendingCancel, OrderEvent.CancelRejected) => OrderStatus.Accepted, // -2011 and the order keeps working
        (OrderStatus.PendingCancel, OrderEvent.CancelRejectedAfterPartialFill) => OrderStatus.PartiallyFilled, // -2011, keeps working with its fills
        (OrderStatus.PendingCancel, OrderEvent.Expired) => OrderStatus.Expired,
        (OrderStatus.PendingCancel, OrderEvent.Rejected) => OrderStatus.Rejected, // the submit itself was refused while we were cancelling
        (OrderStatus.PendingCancel, OrderEvent.NotFound) => OrderStatus.Canceled, // -2013 on a query: the venue has no such order working
        (OrderStatus.PendingCancel, OrderEvent.OutcomeUnknown) => OrderStatus.PendingCancel, // the cancel timed out: queried later

        (OrderStatus.Accepted, OrderEvent.Accepted) => OrderStatus.Accepted, // a query's answer: still working
        (OrderStatus.PartiallyFilled, OrderEvent.Accepted) => OrderStatus.PartiallyFilled, // a query's answer: still working

        (OrderStatus.Canceled, OrderEvent.Filled) => OrderStatus.Filled, // the venue filled before it saw our cancel
        (OrderStatus.Canceled, OrderEvent.PartiallyFilled) => OrderStatus.Canceled, // a fill from before the cancel, reported late

        (OrderStatus.Filled, OrderEvent.CancelRejected) => OrderStatus.Filled, // our cancel reached the venue after the fill: -2011
        (OrderStatus.Filled, OrderEvent.CancelRejectedAfterPartialFill) => OrderStatus.Filled, // same race, after earlier partial fills

        (OrderStatus.Rejected, OrderEvent.CancelRejected) => OrderStatus.Rejected, // our cancel crossed the submit's refusal: -2011, nothing to cancel
        (OrderStatus.Canceled, OrderEvent.CancelRejected) => OrderStatus.Canceled, // the venue (or an earlier cancel) ended it first: -2011
        (OrderStatus.Expired, OrderEvent.CancelRejected) => OrderStatus.Expired, // it expired before our cancel arrived: -2011

        (OrderStatus.Filled, OrderEvent.NotFound) => OrderStatus.Filled, // a query answered after the order ended
        (OrderStatus.Canceled, OrderEvent.NotFound) => OrderStatus.Canceled,
        (OrderStatus.Expired, OrderEvent.NotFound) => OrderStatus.Expired,
        (OrderStatus.Rejected, OrderEvent.NotFound) => OrderStatus.Rejected,

        (OrderStatus.Unknown, OrderEvent.Accepted) => OrderStatus.Accepted, // it did reach the venue
        (OrderStatus.Unknown, OrderEvent.Rejected) => OrderStatus.Rejected,
        (OrderStatus.Unknown, OrderEvent.PartiallyFilled) => OrderStatus.PartiallyFilled,
        (OrderStatus.Unknown, OrderEvent.Filled) => OrderStatus.Filled,
        (OrderStatus.Unknown, OrderEvent.Canceled) => OrderStatus.Canceled,
        (OrderStatus.Unknown, OrderEvent.Expired) => OrderStatus.Expired,
        (OrderStatus.Unknown, OrderEvent.CancelRequested) => OrderStatus.PendingCancel, // cancelling by client id settles it either way
        (OrderStatus.Unknown, OrderEvent.OutcomeUnknown) => OrderStatus.Unknown, // the query timed out as well
        (OrderStatus.Unknown, OrderEvent.NotFound) => OrderStatus.Rejected, // the venue never saw it

        _ => Illegal,
    };

    /// <summary>True for statuses no report can leave except the listed late-fill races.</summary>
    public static bool IsTerminal(OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected or OrderStatus.Expired;

    /// <summary>True while the venue's answer about the order is awaited: the OMS queries it and, in the end, settles it.</summary>
    public static bool IsUnresolved(OrderStatus status) => status is OrderStatus.Unknown or OrderStatus.PendingCancel;

    /// <summary>True while the order may still fill at the venue.</summary>
    public static bool IsWorking(OrderStatus status) =>
        status is OrderStatus.PendingSubmit or OrderStatus.Accepted or OrderStatus.PartiallyFilled
            or OrderStatus.PendingCancel or OrderStatus.Unknown;
}
