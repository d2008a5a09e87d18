using System.Security.Cryptography;

namespace Engine.Sim.User;

/// <summary>
/// The user data stream's listenKeys, as Binance keeps them: one active key per API key, valid for a set time after
/// its creation or last keepalive; <c>POST</c> on an account with an active key returns that key and extends it. An
/// expired or closed key is forgotten: its sockets get nothing more until the account opens a new key.
/// Thread-safe (one lock; every call is cold: REST, socket open/close, the expiry sweep, one publish).
/// </summary>
internal sealed class ListenKeys
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly object _gate = new();
    private readonly Dictionary<string, ListenKey> _byApiKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListenKey> _byKey = new(StringComparer.Ordinal);

    /// <summary>Creates the account's key, or returns its active key extended (<c>POST /fapi/v1/listenKey</c>).</summary>
    public ListenKey CreateOrExtend(string apiKey, long nowMs, TimeSpan validity, out bool created)
    {
        lock (_gate)
        {
            if (_byApiKey.TryGetValue(apiKey, out ListenKey? key))
            {
                key.ExpiresAtMs = nowMs + (long)validity.TotalMilliseconds;
                created = false;
                return key;
            }

            key = new ListenKey(NewKey(), apiKey, nowMs + (long)validity.TotalMilliseconds);
            _byApiKey.Add(apiKey, key);
            _byKey.Add(key.Value, key);
            created = true;
            return key;
        }
    }

    /// <summary>Extends the account's active key (<c>PUT</c>); null when it has none (Binance's -1125).</summary>
    public ListenKey? KeepAlive(string apiKey, long nowMs, TimeSpan validity)
    {
        lock (_gate)
        {
            if (!_byApiKey.TryGetValue(apiKey, out ListenKey? key))
            {
                return null;
            }

            key.ExpiresAtMs = nowMs + (long)validity.TotalMilliseconds;
            return key;
        }
    }

    /// <summary>Closes the account's active key (<c>DELETE</c>) and returns it with its sockets, or null.</summary>
    public ListenKey? Close(string apiKey)
    {
        lock (_gate)
        {
            if (!_byApiKey.Remove(apiKey, out ListenKey? key))
            {
                return null;
            }

            _byKey.Remove(key.Value);
            return key;
        }
    }

    /// <summary>The live key named <paramref name="value"/> (a socket opening on it), or null.</summary>
    public ListenKey? Find(string value)
    {
        lock (_gate)
        {
            return _byKey.GetValueOrDefault(value);
        }
    }

    /// <summary>Attaches a socket to its key; false when the key has expired or closed meanwhile.</summary>
    public bool Attach(ListenKey key, UserSocket socket)
    {
        lock (_gate)
        {
            if (!_byKey.ContainsKey(key.Value))
            {
                return false;
            }

            key.Sockets.Add(socket);
            return true;
        }
    }

    public void Detach(UserSocket socket)
    {
        lock (_gate)
        {
            socket.Key.Sockets.Remove(socket);
        }
    }

    /// <summary>The sockets of the account's live key, copied into <paramref name="into"/> (cleared first).</summary>
    public void SocketsOf(string apiKey, List<UserSocket> into)
    {
        into.Clear();
        lock (_gate)
        {
            if (_byApiKey.TryGetValue(apiKey, out ListenKey? key))
            {
                into.AddRange(key.Sockets);
            }
        }
    }

    /// <summary>The sockets on <paramref name="key"/> now (live or not).</summary>
    public UserSocket[] SocketsOn(ListenKey key)
    {
        lock (_gate)
        {
            return [.. key.Sockets];
        }
    }

    /// <summary>Every socket of every live key, copied into <paramref name="into"/>.</summary>
    public void AllSockets(List<UserSocket> into)
    {
        into.Clear();
        lock (_gate)
        {
            foreach (ListenKey key in _byKey.Values)
            {
                into.AddRange(key.Sockets);
            }
        }
    }

    /// <summary>Removes every key whose validity ran out by <paramref name="nowMs"/> and returns them, with their sockets.</summary>
    public List<ListenKey> RemoveExpired(long nowMs)
    {
        List<ListenKey> expired = [];
        lock (_gate)
        {
            foreach (ListenKey key in _byKey.Values)
            {
                if (key.ExpiresAtMs <= nowMs)
                {
                    expired.Add(key);
                }
            }

            foreach (ListenKey key in expired)
            {
                _byKey.Remove(key.Value);
                _byApiKey.Remove(key.ApiKey);
            }
        }

        return expired;
    }

    public int LiveCount
    {
        get
        {
            lock (_gate)
            {
                return _byKey.Count;
            }
        }
    }

    /// <summary>64 random letters and digits, the form Binance's keys take.</summary>
    private static string NewKey() => RandomNumberGenerator.GetString(Alphabet, 64);
}

/// <summary>One listenKey: its value, its account's API key, when it expires (wall ms) and the sockets listening on it.</summary>
internal sealed class ListenKey(string value, string apiKey, long expiresAtMs)
{
    public string Value { get; } = value;

    public string ApiKey { get; } = apiKey;

    /// <summary>Wall-clock ms; written under <see cref="ListenKeys"/>' lock.</summary>
    public long ExpiresAtMs { get; set; } = expiresAtMs;

    /// <summary>Guarded by <see cref="ListenKeys"/>' lock.</summary>
    public List<UserSocket> Sockets { get; } = [];
}
