using System.Collections.Concurrent;

namespace Engine.Sim.User.WsApi;

/// <summary>What the WS API served, for the run report and tests. Thread-safe counters.</summary>
public sealed class WsApiStats
{
    private readonly ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private long _connections;
    private long _errors;
    private long _pongTimeouts;
    private long _lifetimeCloses;

    public long Connections => Volatile.Read(ref _connections);

    /// <summary>Requests answered with an error envelope.</summary>
    public long Errors => Volatile.Read(ref _errors);

    public long PongTimeouts => Volatile.Read(ref _pongTimeouts);

    public long LifetimeCloses => Volatile.Read(ref _lifetimeCloses);

    /// <summary>Requests by method (unknown methods under their own name).</summary>
    public IReadOnlyDictionary<string, long> Requests => new SortedDictionary<string, long>(_byMethod, StringComparer.Ordinal);

    internal void Connected() => Interlocked.Increment(ref _connections);

    internal void Request(string method) => _byMethod.AddOrUpdate(method, 1, (_, n) => n + 1);

    internal void Error() => Interlocked.Increment(ref _errors);

    internal void PongTimedOut() => Interlocked.Increment(ref _pongTimeouts);

    internal void LifetimeClosed() => Interlocked.Increment(ref _lifetimeCloses);
}
