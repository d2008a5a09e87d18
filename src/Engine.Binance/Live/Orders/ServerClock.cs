namespace Engine.Binance.Live.Orders;

/// <summary>
/// The venue's clock as this process estimates it: the local wall clock plus an offset measured against
/// <c>GET /fapi/v1/time</c> (the server's time taken as the midpoint of the request's round trip). Requests are
/// stamped with <see cref="NowMs"/> so a local clock that drifted does not earn -1021. Written by the gateway thread,
/// read by any (the offset is one aligned long).
/// </summary>
public sealed class ServerClock
{
    private readonly Func<long> _localMs;
    private long _offsetMs;
    private long _syncedAtLocalMs;
    private long _uncertaintyMs;

    public ServerClock(Func<long>? localMs = null) => _localMs = localMs ?? LocalWallClockMs;

    /// <summary>Server minus local, ms.</summary>
    public long OffsetMs => Volatile.Read(ref _offsetMs);

    /// <summary>Local time of the last sync (0: never synced).</summary>
    public long SyncedAtLocalMs => Volatile.Read(ref _syncedAtLocalMs);

    public long Syncs { get; private set; }

    public long LocalMs => _localMs();

    /// <summary>
    /// How far <see cref="NowMs"/> may be from the server's clock: half the last sync's round trip (the server read its
    /// clock somewhere inside it). A loaded machine's slow sync makes it larger; rate-limit windows allow for it.
    /// </summary>
    public long UncertaintyMs => Volatile.Read(ref _uncertaintyMs);

    public long NowMs => _localMs() + Volatile.Read(ref _offsetMs);

    /// <summary>Takes a server time read between <paramref name="sentLocalMs"/> and <paramref name="receivedLocalMs"/>.</summary>
    public void Update(long serverMs, long sentLocalMs, long receivedLocalMs)
    {
        long midpoint = sentLocalMs + ((receivedLocalMs - sentLocalMs) / 2);
        Volatile.Write(ref _offsetMs, serverMs - midpoint);
        Volatile.Write(ref _uncertaintyMs, (Math.Max(0, receivedLocalMs - sentLocalMs) + 1) / 2);
        Volatile.Write(ref _syncedAtLocalMs, receivedLocalMs);
        Syncs++;
    }

    public static long LocalWallClockMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
