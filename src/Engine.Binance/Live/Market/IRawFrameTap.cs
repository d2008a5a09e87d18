namespace Engine.Binance.Live.Market;

/// <summary>
/// Sees every market frame as received, before parsing (<c>engine record</c>). Called on the connection's receive
/// thread; the bytes are valid only during the call (copy what you keep). Must not block for long: the socket waits.
/// </summary>
public interface IRawFrameTap
{
    /// <param name="utf8">One whole WebSocket text message, as Binance sent it (combined envelope included).</param>
    /// <param name="localUnixNanos">Local wall-clock receive time, Unix ns (the <c>&lt;local_ns&gt;</c> of a recorded line).</param>
    void OnFrame(ReadOnlySpan<byte> utf8, long localUnixNanos);
}
