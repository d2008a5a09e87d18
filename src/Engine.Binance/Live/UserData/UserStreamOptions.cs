using Engine.Binance.Live.Orders;

namespace Engine.Binance.Live.UserData;

/// <summary>Where and how the user data stream connects. Cold configuration, validated by the caller at start-up.</summary>
public sealed record UserStreamOptions
{
    /// <summary>REST base (<c>https://fapi.binance.com</c>, or the sim's <c>http://127.0.0.1:port</c>).</summary>
    public required Uri RestBase { get; init; }

    /// <summary>WebSocket base (<c>wss://fstream.binance.com</c>); user data goes to <c>/private/ws?listenKey=</c> under it.</summary>
    public required Uri WebSocketBase { get; init; }

    /// <summary>The API key (listenKey calls) and the signer of the reconciliation's queries (HMAC or Ed25519); never printed.</summary>
    public required ApiCredentials Credentials { get; init; }

    /// <summary>The run's symbols, in registry order: reconciliation asks userTrades and positions of each.</summary>
    public required IReadOnlyList<string> Symbols { get; init; }

    /// <summary>The engine's client order id prefix (<c>{prefix}-{n}</c>): orders without it are not ours.</summary>
    public string ClientIdPrefix { get; init; } = "eng";

    /// <summary>listenKey keepalive period: Binance keeps a key 60 minutes, every client renews at 30.</summary>
    public TimeSpan KeepaliveInterval { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>First reconnect delay, doubled per consecutive failure up to <see cref="MaxReconnectDelay"/>, jittered ±25%.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A REST request's time limit (listenKey and reconciliation calls).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>The venue clock in Unix ms (the gateway's synchronised clock live; the local clock on loopback).</summary>
    public Func<long> ServerTimeMs { get; init; } = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
