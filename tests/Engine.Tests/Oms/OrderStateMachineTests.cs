using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

public class OrderStateMachineTests
{
    // The legal edges, written out independently of the table under test: from, event, expected status.
    private static readonly (OrderStatus From, OrderEvent Event, OrderStatus To)[] Legal =
    [
        (OrderStatus.PendingSubmit, OrderEvent.Accepted, OrderStatus.Accepted),
        (OrderStatus.PendingSubmit, OrderEvent.Rejected, OrderStatus.Rejected),
        (OrderStatus.PendingSubmit, OrderEvent.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.PendingSubmit, OrderEvent.Filled, OrderStatus.Filled),
        (OrderStatus.PendingSubmit, OrderEvent.CancelRequested, OrderStatus.PendingCancel),
        (OrderStatus.PendingSubmit, OrderEvent.Canceled, OrderStatus.Canceled),
        (OrderStatus.PendingSubmit, OrderEvent.Expired, OrderStatus.Expired),
        (OrderStatus.PendingSubmit, OrderEvent.OutcomeUnknown, OrderStatus.Unknown),
        (OrderStatus.Accepted, OrderEvent.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.Accepted, OrderEvent.Filled, OrderStatus.Filled),
        (OrderStatus.Accepted, OrderEvent.CancelRequested, OrderStatus.PendingCancel),
        (OrderStatus.Accepted, OrderEvent.Canceled, OrderStatus.Canceled),
        (OrderStatus.Accepted, OrderEvent.Expired, OrderStatus.Expired),
        (OrderStatus.PartiallyFilled, OrderEvent.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.PartiallyFilled, OrderEvent.Filled, OrderStatus.Filled),
        (OrderStatus.PartiallyFilled, OrderEvent.CancelRequested, OrderStatus.PendingCancel),
        (OrderStatus.PartiallyFilled, OrderEvent.Canceled, OrderStatus.Canceled),
        (OrderStatus.PartiallyFilled, OrderEvent.Expired, OrderStatus.Expired),
        (OrderStatus.PendingCancel, OrderEvent.Accepted, OrderStatus.PendingCancel),
        (OrderStatus.PendingCancel, OrderEvent.PartiallyFilled, OrderStatus.PendingCancel),
        (OrderStatus.PendingCancel, OrderEvent.Filled, OrderStatus.Filled),
        (OrderStatus.PendingCancel, OrderEvent.Canceled, OrderStatus.Canceled),
        (OrderStatus.PendingCancel, OrderEvent.CancelRejected, OrderStatus.Accepted),
        (OrderStatus.PendingCancel, OrderEvent.CancelRejectedAfterPartialFill, OrderStatus.PartiallyFilled),
        (OrderStatus.PendingCancel, OrderEvent.Expired, OrderStatus.Expired),
        (OrderStatus.PendingCancel, OrderEvent.Rejected, OrderStatus.Rejected),
        (OrderStatus.Canceled, OrderEvent.Filled, OrderStatus.Filled),
        (OrderStatus.Canceled, OrderEvent.PartiallyFilled, OrderStatus.Canceled),
        (OrderStatus.Filled, OrderEvent.CancelRejected, OrderStatus.Filled),
        (OrderStatus.Filled, OrderEvent.CancelRejectedAfterPartialFill, OrderStatus.Filled),
        (OrderStatus.Unknown, OrderEvent.Accepted, OrderStatus.Accepted),
        (OrderStatus.Unknown, OrderEvent.Rejected, OrderStatus.Rejected),
        (OrderStatus.Unknown, OrderEvent.PartiallyFilled, OrderStatus.PartiallyFilled),
        (OrderStatus.Unknown, OrderEvent.Filled, OrderStatus.Filled),
        (OrderStatus.Unknown, OrderEvent.Canceled, OrderStatus.Canceled),
        (OrderStatus.Unknown, OrderEvent.Expired, OrderStatus.Expired),
        (OrderStatus.Unknown, OrderEvent.CancelRequested, OrderStatus.PendingCancel),
        (OrderStatus.Unknown, OrderEvent.OutcomeUnknown, OrderStatus.Unknown),
        (OrderStatus.Unknown, OrderEvent.NotFound, OrderStatus.Rejected),
        (OrderStatus.PendingCancel, OrderEvent.NotFound, OrderStatus.Canceled), // -2013: nothing working to cancel
        (OrderStatus.PendingCancel, OrderEvent.OutcomeUnknown, OrderStatus.PendingCancel), // the cancel timed out
        (OrderStatus.Accepted, OrderEvent.Accepted, OrderStatus.Accepted), // a query's answer
        (OrderStatus.PartiallyFilled, OrderEvent.Accepted, OrderStatus.PartiallyFilled),
        (OrderStatus.Filled, OrderEvent.NotFound, OrderStatus.Filled), // a query answered after the end
        (OrderStatus.Canceled, OrderEvent.NotFound, OrderStatus.Canceled),
        (OrderStatus.Expired, OrderEvent.NotFound, OrderStatus.Expired),
        (OrderStatus.Rejected, OrderEvent.NotFound, OrderStatus.Rejected),
        (OrderStatus.Rejected, OrderEvent.CancelRejected, OrderStatus.Rejected), // our cancel crossed the submit's refusal
        (OrderStatus.Canceled, OrderEvent.CancelRejected, OrderStatus.Canceled), // it was ended before our cancel arrived
        (OrderStatus.Expired, OrderEvent.CancelRejected, OrderStatus.Expired),
    ];

    public static TheoryData<OrderStatus, OrderEvent, OrderStatus> LegalEdges()
    {
        var data = new TheoryData<OrderStatus, OrderEvent, OrderStatus>();
        foreach (var (from, evt, to) in Legal)
        {
            data.Add(from, evt, to);
        }

        return data;
    }

    public static TheoryData<OrderStatus, OrderEvent> IllegalEdges()
    {
        var data = new TheoryData<OrderStatus, OrderEvent>();
        foreach (OrderStatus from in Enum.GetValues<OrderStatus>())
        {
            foreach (OrderEvent evt in Enum.GetValues<OrderEvent>())
            {
                if (!Legal.Any(l => l.From == from && l.Event == evt))
                {
                    data.Add(from, evt);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalEdges))]
    public void LegalEdge_MovesToItsStatus(OrderStatus from, OrderEvent evt, OrderStatus expected)
    {
        Assert.True(OrderStateMachine.TryNext(from, evt, out OrderStatus next));
        Assert.Equal(expected, next);
    }

    [Theory]
    [MemberData(nameof(IllegalEdges))]
    public void IllegalEdge_IsRefusedAndLeavesTheStatus(OrderStatus from, OrderEvent evt)
    {
        Assert.False(OrderStateMachine.TryNext(from, evt, out OrderStatus next));
        Assert.Equal(from, next);
    }

    [Fact]
    public void EveryPairOfTheEnums_HasADefinedOutcome()
    {
        foreach (OrderStatus from in Enum.GetValues<OrderStatus>())
        {
            foreach (OrderEvent evt in Enum.GetValues<OrderEvent>())
            {
                bool legal = OrderStateMachine.TryNext(from, evt, out OrderStatus next);
                string edge = $"{from} --{evt}-->";
                Assert.True(Enum.IsDefined(next), $"{edge} {(int)next}: not a status");
                Assert.True(legal ? next != OrderStatus.None : next == from, $"{edge} {next} (legal: {legal})");
                Assert.False(from == OrderStatus.None && legal, $"{edge}: a free slot has no order to move");

                // A status no report can leave stays final: only the late-fill race (Canceled then Filled) reopens one.
                if (legal && from is OrderStatus.Filled or OrderStatus.Rejected or OrderStatus.Expired)
                {
                    Assert.Equal(from, next);
                }

                if (legal && from == OrderStatus.Canceled)
                {
                    Assert.Contains(next, new[] { OrderStatus.Canceled, OrderStatus.Filled });
                }
            }
        }
    }

    /// <summary>Lifecycles Binance USD-M reports (order status X: NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED; -2011 CANCEL_REJECTED; -2013 NO_SUCH_ORDER; timeouts and 5xx leave the outcome unknown).</summary>
    public static TheoryData<string, OrderEvent[], OrderStatus> BinanceLifecycles => new()
    {
        { "limit: NEW, two partial fills, FILLED", [OrderEvent.Accepted, OrderEvent.PartiallyFilled, OrderEvent.PartiallyFilled, OrderEvent.Filled], OrderStatus.Filled },
        { "market: the fill overtakes the REST ack", [OrderEvent.Filled], OrderStatus.Filled },
        { "cancel: NEW, cancel sent, CANCELED", [OrderEvent.Accepted, OrderEvent.CancelRequested, OrderEvent.Canceled], OrderStatus.Canceled },
        { "cancel after a partial fill", [OrderEvent.Accepted, OrderEvent.PartiallyFilled, OrderEvent.CancelRequested, OrderEvent.Canceled], OrderStatus.Canceled },
        { "cancel loses to the fill, then -2011", [OrderEvent.Accepted, OrderEvent.CancelRequested, OrderEvent.Filled, OrderEvent.CancelRejected], OrderStatus.Filled },
        { "cancel refused (-2011), order keeps working and fills", [OrderEvent.Accepted, OrderEvent.CancelRequested, OrderEvent.CancelRejected, OrderEvent.Filled], OrderStatus.Filled },
        { "cancel refused after a partial fill", [OrderEvent.Accepted, OrderEvent.PartiallyFilled, OrderEvent.CancelRequested, OrderEvent.CancelRejectedAfterPartialFill], OrderStatus.PartiallyFilled },
        { "GTX post-only or IOC ends at once: EXPIRED", [OrderEvent.Expired], OrderStatus.Expired },
        { "GTC expires after NEW", [OrderEvent.Accepted, OrderEvent.Expired], OrderStatus.Expired },
        { "submit refused", [OrderEvent.Rejected], OrderStatus.Rejected },
        { "timeout, the query finds no order (-2013)", [OrderEvent.OutcomeUnknown, OrderEvent.NotFound], OrderStatus.Rejected },
        { "timeout, but it reached the venue and filled", [OrderEvent.OutcomeUnknown, OrderEvent.Accepted, OrderEvent.Filled], OrderStatus.Filled },
        { "timeout, cancel by client id settles it", [OrderEvent.OutcomeUnknown, OrderEvent.CancelRequested, OrderEvent.Canceled], OrderStatus.Canceled },
        { "CANCELED, then a fill from before the cancel reported late", [OrderEvent.Accepted, OrderEvent.Canceled, OrderEvent.Filled], OrderStatus.Filled },
    };

    [Theory]
    [MemberData(nameof(BinanceLifecycles))]
    public void BinanceLifecycle_IsLegalAtEveryStep_AndEndsWhereTheVenueSays(string path, OrderEvent[] events, OrderStatus final)
    {
        OrderStatus status = OrderStatus.PendingSubmit;
        foreach (OrderEvent evt in events)
        {
            Assert.True(OrderStateMachine.TryNext(status, evt, out OrderStatus next), $"{path}: {status} --{evt}--> refused");
            status = next;
        }

        Assert.Equal(final, status);
        Assert.Equal(final is not OrderStatus.PartiallyFilled, OrderStateMachine.IsTerminal(status));
    }

    [Fact]
    public void Fill_AfterCancel_MovesToFilled()
    {
        Assert.True(OrderStateMachine.TryNext(OrderStatus.Canceled, OrderEvent.Filled, out OrderStatus next));
        Assert.Equal(OrderStatus.Filled, next);
    }

    [Theory]
    [InlineData(OrderStatus.Filled)]
    [InlineData(OrderStatus.Rejected)]
    [InlineData(OrderStatus.Expired)]
    public void TerminalStatus_AcceptsNoNewFill(OrderStatus terminal)
    {
        Assert.False(OrderStateMachine.TryNext(terminal, OrderEvent.PartiallyFilled, out _));
        Assert.True(OrderStateMachine.IsTerminal(terminal));
        Assert.False(OrderStateMachine.IsWorking(terminal));
    }
}
