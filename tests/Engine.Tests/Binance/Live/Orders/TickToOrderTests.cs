using Engine.Binance.Live.Orders;
using Engine.Metrics;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// The gateway's tick-to-order against the in-process sim, on REST and on the WS API: one value per submit a market
/// frame caused, taken when the request's bytes are handed to the socket, so it lies between the frame's timestamp
/// and the moment the answer was back; cancels, queries and orders of other causes are not timed.
/// </summary>
public sealed class TickToOrderTests
{
    public static TheoryData<string> Transports => ["REST", "WS API"];

    private static Task<GatewayHarness> StartAsync(string transport) => transport == "REST"
        ? GatewayHarness.StartAsync()
        : GatewayHarness.StartAsync(ed25519: true, transports: (server, credentials, o) =>
            (new WsApiOrderTransport(new Uri($"ws://127.0.0.1:{server.Port}/ws-fapi/v1"), credentials, o, new ServerClock()), new RestOrderTransport(server.BaseAddress, credentials, o)));

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Submit_FromAMarketFrame_IsTimedOnce_BetweenTheFrameAndTheAnswer(string transport)
    {
        await using GatewayHarness h = await StartAsync(transport);
        long frame = 0, answered = 0;
        await Task.Run(() =>
        {
            h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000"), 0); // warm the connection: not market-caused, not timed
            frame = EngineClock.Timestamp();
            h.Gateway.Handle(GatewayHarness.Limit(2, Side.Buy, "40000"), frame);
            answered = EngineClock.Timestamp();
            h.Gateway.Handle(OrderRequest.CancelOf(new ClientOrderId(2), OrderId.None, GatewayHarness.Btc, OrderType.Limit, 0), EngineClock.Timestamp()); // a cancel is not
            h.Gateway.Handle(GatewayHarness.Limit(3, Side.Buy, "40000")); // nor a request without a cause
        });

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Accepted, VenueReportKind.Canceled, VenueReportKind.Accepted], h.Input.Reports.Select(r => r.Kind));
        Assert.Equal(transport, h.Gateway.Primary.Name);
        Assert.Equal(1, h.Gateway.TickToOrderCount);
        Histogram tickToOrder = h.Gateway.TickToOrderSnapshot();
        Assert.Equal(1, tickToOrder.TotalCount);
        long roundTripNs = EngineClock.ElapsedNanos(frame, answered);
        Assert.InRange(tickToOrder.ValueAtPercentile(50), 1, tickToOrder.HighestEquivalentValue(roundTripNs));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task TickToOrder_SplitsAtTheGatewaysPickUp_IntoPartsThatAddUp(string transport)
    {
        await using GatewayHarness h = await StartAsync(transport);
        long frame = 0, pickedUp = 0, answered = 0;
        await Task.Run(() =>
        {
            h.Gateway.Handle(GatewayHarness.Limit(1, Side.Buy, "40000"), 0); // warm the connection
            frame = EngineClock.Timestamp() - (long)(EngineClock.TicksPerSecond / 200); // the frame came 5 ms before the ring handed the order over
            pickedUp = EngineClock.Timestamp();
            h.Gateway.Handle(GatewayHarness.Limit(2, Side.Buy, "40000"), frame);
            answered = EngineClock.Timestamp();
        });

        Histogram total = h.Gateway.TickToOrderSnapshot();
        (Histogram toPickUp, Histogram toSend) = h.Gateway.TickToOrderPartsSnapshot();
        Assert.Equal((1L, 1L, 1L), (total.TotalCount, toPickUp.TotalCount, toSend.TotalCount));
        long beforePickUpNs = EngineClock.ElapsedNanos(frame, pickedUp);
        long first = toPickUp.ValueAtPercentile(50), second = toSend.ValueAtPercentile(50), whole = total.ValueAtPercentile(50);
        Assert.InRange(first, toPickUp.LowestEquivalentValue(beforePickUpNs), toPickUp.HighestEquivalentValue(EngineClock.ElapsedNanos(frame, answered)));
        Assert.InRange(second, 1, toSend.HighestEquivalentValue(EngineClock.ElapsedNanos(pickedUp, answered)));
        Assert.InRange(first + second, whole - (whole / 200) - 2, whole + (whole / 200) + 2); // three recordings at 3 digits
    }

    [Fact]
    public async Task OutputHandler_TimesOnlyOrdersWhoseInputWasATrade()
    {
        await using GatewayHarness h = await GatewayHarness.StartAsync();
        var handler = new GatewayOutputHandler(h.Gateway, syncClockAtStart: false);
        await Task.Run(() =>
        {
            var fromTrade = new OutputEvent { Kind = OutputKind.OrderRequested, InputKind = EventKind.Trade, InputTimestamp = EngineClock.Timestamp(), Order = GatewayHarness.Limit(1, Side.Buy, "40000") };
            handler.OnEvent(ref fromTrade, 0, true);
            var fromReport = new OutputEvent { Kind = OutputKind.OrderRequested, InputKind = EventKind.VenueReport, InputTimestamp = EngineClock.Timestamp(), Order = GatewayHarness.Limit(2, Side.Buy, "40000") };
            handler.OnEvent(ref fromReport, 1, true);
        });

        Assert.Equal(2, handler.OrderRequests);
        Assert.Equal(2, h.Exchange.Desk.OrdersAccepted);
        Assert.Equal(1, h.Gateway.TickToOrderCount);
    }
}
