using Engine.Model;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Sends one signed order request and waits for its answer, on the calling (gateway) thread. Not thread-safe: one
/// gateway thread owns it. <see cref="Execute"/> never throws for a network failure: it sets
/// <see cref="VenueAnswer.TransportFailed"/> and says through <paramref name="maybeSent"/> whether the request may have
/// reached the venue (false only when it certainly did not, e.g. the connection could not be made: then the gateway may
/// send it on the other transport).
/// </summary>
public interface IOrderTransport : IDisposable
{
    /// <summary><c>REST</c> or <c>WS API</c>.</summary>
    string Name { get; }

    /// <summary>False while the transport knows it cannot send (socket closed, reconnecting).</summary>
    bool IsUp { get; }

    /// <summary>Whether this transport carries the call at all (the WS API has no Algo Service methods).</summary>
    bool Supports(VenueCall call);

    /// <summary>
    /// <see cref="Engine.Timing.EngineClock"/> timestamp taken just before the last request's bytes were handed to the
    /// socket (the WS API's send, HttpClient's send): the end of tick-to-order. Unchanged when nothing was sent.
    /// </summary>
    long LastSendTimestamp { get; }

    void Execute(VenueCall call, in OrderRequest request, ReadOnlySpan<byte> symbol, long timestampMs, ref VenueAnswer answer, out bool maybeSent);
}
