namespace Engine.Sim;

/// <summary>
/// How <c>engine sim</c> serves: the port, the tape's speed, how long it stays up after the tape, and the protocol
/// limits Binance applies (set short in tests). Faults are apart, in <see cref="Faults.SimFaults"/>.
/// </summary>
public sealed class SimOptions
{
    /// <summary>Port on 127.0.0.1; 0 takes any free port (the first stdout line names it).</summary>
    public int Port { get; set; }

    /// <summary>Tape time advances at recorded speed × this (market data only; signing, expiries and faults run on the wall clock).</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Seconds the sim stays up after the tape's last trade.</summary>
    public double LingerSeconds { get; set; } = 5;

    /// <summary>Start the tape at once instead of holding at its first trade until the first market-data subscription.</summary>
    public bool NoWait { get; set; }

    /// <summary><c>--accounts FILE</c>: API keys and balances; a default test account when null.</summary>
    public string? AccountsFile { get; set; }

    public MarketLimits Market { get; set; } = new();

    public UserStreamLimits User { get; set; } = new();
}

/// <summary>Binance's market-stream connection rules (binance-usdm facts: 24 h lifetime, ping every 3 min, 10 incoming messages/s).</summary>
public sealed class MarketLimits
{
    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A connection that has not answered a ping within this time is closed.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public int IncomingMessagesPerSecond { get; set; } = 10;

    public int MaxStreamsPerConnection { get; set; } = 1024;
}

/// <summary>
/// User data stream and WS API rules (binance-usdm facts): a listenKey expires 60 min after its last keepalive; a
/// socket (user data or WS API) lives 24 h, is pinged every 3 min and closed without a pong within 10 min.
/// </summary>
public sealed class UserStreamLimits
{
    public TimeSpan ListenKeyValidity { get; set; } = TimeSpan.FromMinutes(60);

    public TimeSpan ConnectionLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>A socket that has not answered a ping within this time is closed.</summary>
    public TimeSpan PongTimeout { get; set; } = TimeSpan.FromMinutes(10);
}
