using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Pipeline;
using Engine.Tests.Binance.Live.Orders;

namespace Engine.Tests.Binance.Live.UserData;

public class InputPublisherSinkTests
{
    [Fact]
    public void ReportsAndAccountUpdates_BecomeOnePublishedSlotEach()
    {
        var ring = new ArrayInputPublisher();
        var sink = new InputPublisherSink(ring);
        sink.OnReport(new VenueReport { Kind = VenueReportKind.Filled, ClientId = new ClientOrderId(3), TradeId = 9 });
        sink.OnAccountUpdate(new AccountUpdate { Kind = AccountUpdateKind.Balance, Balance = new Money(5) });

        Assert.True(ring.AllPublished);
        Assert.Equal((EventKind.VenueReport, 9L), (ring[0].Kind, ring[0].Report.TradeId));
        Assert.Equal((EventKind.AccountUpdate, 5L), (ring[1].Kind, ring[1].AccountUpdate.Balance.E8));
        Assert.True(ring[0].ReceivedTimestamp != 0);
    }

    private sealed class ClosedInput : IInputPublisher
    {
        public ref EngineEvent this[long sequence] => throw new InvalidOperationException();

        public long Claim() => throw new InputClosedException();

        public void Publish(long sequence) => throw new InvalidOperationException();
    }

    [Fact]
    public void AfterTheInputCloses_EventsAreCountedAsDropped_NotThrown()
    {
        var sink = new InputPublisherSink(new ClosedInput());
        sink.OnReport(default);
        sink.OnAccountUpdate(default);
        Assert.Equal(2, sink.Dropped);
    }
}
