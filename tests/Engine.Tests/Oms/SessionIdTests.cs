using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

/// <summary>
/// A resumed live run's new process starts its order ids at the next block of <see cref="OrderManager{TOut}.SessionIdBlock"/>:
/// the previous process may have sent orders whose cause its journal never wrote; the rebuilt engine knows nothing of
/// them, and must not send another order under the same client id (the venue's fills and answers would follow the id).
/// </summary>
public sealed class SessionIdTests
{
    [Fact]
    public void StartSession_NextIdIsTheFirstOfTheNextBlock_AndAWorkingOrderKeepsItsId()
    {
        var h = new OmsHarness();
        (ClientOrderId entry, ClientOrderId stop) = h.OpenLong(); // ids 1 to 4
        h.Apply(OmsHarness.Report(VenueReportKind.Accepted, stop));
        h.Oms.StartSession();

        h.Oms.FlattenNow(OmsHarness.Btc, 3000);
        OrderRequest flatten = h.Submits(OrderRole.Flatten).Single();
        Assert.Equal(OrderManager<Engine.Tests.Oms.RecordingSink>.SessionIdBlock + 1, flatten.ClientId.Value);
        Assert.Equal(OrderStatus.Accepted, h.StatusOf(stop)); // the stop from before keeps working under its own id
        Assert.Equal(OrderStatus.Filled, h.StatusOf(entry));

        h.Oms.StartSession(); // a second restart: the block after
        h.Apply(OmsHarness.Report(VenueReportKind.Filled, flatten.ClientId, "0.009", "0.009", "60010", side: Side.Sell));
        h.EnterMarket("0.009", "100", "60010", timeMs: 4000);
        Assert.Equal((2 * OrderManager<Engine.Tests.Oms.RecordingSink>.SessionIdBlock) + 1, h.Requests.Where(r => r.Command == OrderCommand.Submit).Max(r => r.ClientId.Value));
    }
}
