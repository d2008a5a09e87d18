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
    public void Table_CoversEveryPairExactlyOnce()
    {
        int pairs = Enum.GetValues<OrderStatus>().Length * Enum.GetValues<OrderEvent>().Length;
        Assert.Equal(pairs, LegalEdges().Count + IllegalEdges().Count);
        Assert.Equal(Legal.Length, Legal.Distinct().Count());
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
