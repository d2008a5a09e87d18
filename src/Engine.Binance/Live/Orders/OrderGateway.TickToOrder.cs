using Engine.Metrics;
using Engine.Model;
using Engine.Timing;

namespace Engine.Binance.Live.Orders;

public sealed partial class OrderGateway
{
    /// <summary>Tick-to-order values are recorded in nanoseconds, up to one minute (a larger one is clamped).</summary>
    private const long HighestTickToOrderNs = 60_000_000_000;

    private readonly Lock _tickToOrderGate = new();
    private readonly Histogram _tickToOrder = new(HighestTickToOrderNs, 3);
    private readonly Histogram _tickToPickUp = new(HighestTickToOrderNs, 3);
    private readonly Histogram _pickUpToSend = new(HighestTickToOrderNs, 3);

    // EngineClock timestamp at which the market frame behind the submit being sent was received; 0: none. Gateway thread.
    private long _tickOrigin;

    // EngineClock timestamp at which this gateway took the timed submit from the output ring. Gateway thread.
    private long _pickUp;

    /// <summary>Submits a market frame caused whose first send was timed.</summary>
    public long TickToOrderCount { get; private set; }

    /// <summary>
    /// Carries out one order request that <paramref name="marketFrameTimestamp"/>'s market frame caused (its
    /// <see cref="EngineEvent.ReceivedTimestamp"/>; 0 when the cause was not market data): a submit's first send is
    /// recorded as tick-to-order, frame received → the request's bytes handed to the socket.
    /// </summary>
    public void Handle(in OrderRequest request, long marketFrameTimestamp)
    {
        _tickOrigin = request.Command == OrderCommand.Submit ? marketFrameTimestamp : 0;
        _pickUp = _tickOrigin == 0 ? 0 : EngineClock.Timestamp();
        Handle(in request);
        _tickOrigin = 0;
    }

    /// <summary>A copy of the tick-to-order histogram (ns), safe to take while the gateway runs.</summary>
    public Histogram TickToOrderSnapshot()
    {
        lock (_tickToOrderGate)
        {
            return _tickToOrder.Copy();
        }
    }

    /// <summary>
    /// Tick-to-order in two parts (ns), for the same submits: the market frame received → this gateway took the request
    /// from the output ring (the feed, the input ring, the engine, the output ring), and from there → the bytes handed to
    /// the socket (the gateway's own checks, building, signing and the transport).
    /// </summary>
    public (Histogram TickToPickUp, Histogram PickUpToSend) TickToOrderPartsSnapshot()
    {
        lock (_tickToOrderGate)
        {
            return (_tickToPickUp.Copy(), _pickUpToSend.Copy());
        }
    }

    /// <summary>After a transport's send: the first bytes of a timed submit went out at its <see cref="IOrderTransport.LastSendTimestamp"/>.</summary>
    private void RecordTickToOrder(IOrderTransport transport)
    {
        long origin = _tickOrigin;
        long sent = transport.LastSendTimestamp;
        if (origin == 0 || sent < origin)
        {
            return; // not a timed submit, or this transport sent nothing (down): the fallback's send is the first
        }

        _tickOrigin = 0; // a resend (-1021, 429) is not a new tick-to-order
        long ns = Math.Min(EngineClock.ElapsedNanos(origin, sent), HighestTickToOrderNs);
        long pickUp = Math.Clamp(_pickUp, origin, sent);
        lock (_tickToOrderGate)
        {
            _tickToOrder.RecordValue(ns);
            _tickToPickUp.RecordValue(Math.Min(EngineClock.ElapsedNanos(origin, pickUp), HighestTickToOrderNs));
            _pickUpToSend.RecordValue(Math.Min(EngineClock.ElapsedNanos(pickUp, sent), HighestTickToOrderNs));
        }

        TickToOrderCount++;
    }
}
