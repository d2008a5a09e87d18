using Engine.Binance.Live.Orders;

namespace Engine.Binance.Live.Account;

/// <summary>
/// How the account-side classes (<see cref="LiveStartChecks"/>, <see cref="DeadManSwitch"/>) reach the venue: the REST
/// base of the run's environment (Binance, the testnet, or the sim's <c>http://127.0.0.1:port</c>), the run's API key
/// and signer (never printed), and the venue clock requests are stamped with (the gateway's <see cref="ServerClock"/>).
/// </summary>
public sealed record VenueAccess
{
    /// <summary>REST base, e.g. <c>https://testnet.binancefuture.com</c>; paths are Binance's (<c>/fapi/v1/…</c>).</summary>
    public required Uri RestBase { get; init; }

    public required ApiCredentials Credentials { get; init; }

    /// <summary>The venue clock in Unix ms (the gateway's synchronised <see cref="ServerClock.NowMs"/> in a live run).</summary>
    public Func<long> ServerTimeMs { get; init; } = ServerClock.LocalWallClockMs;

    /// <summary>Binance's <c>recvWindow</c>, ms.</summary>
    public long RecvWindowMs { get; init; } = 5000;

    /// <summary>One request's time limit.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
