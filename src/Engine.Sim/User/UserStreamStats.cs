namespace Engine.Sim.User;

/// <summary>What the user data stream served, for the run report and tests. Thread-safe counters.</summary>
public sealed class UserStreamStats
{
    private long _keysCreated;
    private long _keepalives;
    private long _keysClosed;
    private long _keysExpired;
    private long _socketsOpened;
    private long _socketsRefused;
    private long _eventsPublished;
    private long _eventsUndelivered;
    private long _framesDelivered;
    private long _filtered;
    private long _pongTimeouts;
    private long _lifetimeCloses;
    private long _slowConsumers;

    public long ListenKeysCreated => Volatile.Read(ref _keysCreated);

    public long Keepalives => Volatile.Read(ref _keepalives);

    public long ListenKeysClosed => Volatile.Read(ref _keysClosed);

    public long ListenKeysExpired => Volatile.Read(ref _keysExpired);

    public long SocketsOpened => Volatile.Read(ref _socketsOpened);

    /// <summary>Socket upgrades refused: unknown, expired or missing listenKey.</summary>
    public long SocketsRefused => Volatile.Read(ref _socketsRefused);

    /// <summary>Events the desk published for any account.</summary>
    public long EventsPublished => Volatile.Read(ref _eventsPublished);

    /// <summary>Published events whose account had no live listenKey with a socket: nobody heard them.</summary>
    public long EventsUndelivered => Volatile.Read(ref _eventsUndelivered);

    /// <summary>WebSocket messages written to user sockets (duplicates and listenKeyExpired included).</summary>
    public long FramesDelivered => Volatile.Read(ref _framesDelivered);

    /// <summary>Events a socket's <c>events</c> filter left out.</summary>
    public long Filtered => Volatile.Read(ref _filtered);

    /// <summary>Sockets closed because no pong came within the pong timeout.</summary>
    public long PongTimeouts => Volatile.Read(ref _pongTimeouts);

    public long LifetimeCloses => Volatile.Read(ref _lifetimeCloses);

    /// <summary>Sockets dropped because their client left too many frames unread.</summary>
    public long SlowConsumers => Volatile.Read(ref _slowConsumers);

    internal void KeyCreated() => Interlocked.Increment(ref _keysCreated);

    internal void KeptAlive() => Interlocked.Increment(ref _keepalives);

    internal void KeyClosed() => Interlocked.Increment(ref _keysClosed);

    internal void KeyExpired() => Interlocked.Increment(ref _keysExpired);

    internal void SocketOpened() => Interlocked.Increment(ref _socketsOpened);

    internal void SocketRefused() => Interlocked.Increment(ref _socketsRefused);

    internal void Published() => Interlocked.Increment(ref _eventsPublished);

    internal void Undelivered() => Interlocked.Increment(ref _eventsUndelivered);

    internal void Delivered() => Interlocked.Increment(ref _framesDelivered);

    internal void FilteredOut() => Interlocked.Increment(ref _filtered);

    internal void PongTimedOut() => Interlocked.Increment(ref _pongTimeouts);

    internal void LifetimeClosed() => Interlocked.Increment(ref _lifetimeCloses);

    internal void SlowConsumerDropped() => Interlocked.Increment(ref _slowConsumers);
}
