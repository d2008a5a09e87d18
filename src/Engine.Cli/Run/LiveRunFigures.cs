namespace Engine.Cli.Run;

/// <summary>What a run on a live feed (<c>engine paper</c>, <c>engine live</c>) adds to its summary: where it connected, its threads, the venue's rules and the feed's health.</summary>
public sealed record LiveRunFigures
{
    public string RestBase { get; init; } = string.Empty;

    public string StreamBase { get; init; } = string.Empty;

    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>The requested <c>--duration</c> in seconds; null when the run went on until stopped.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>The wait strategies and pinning the run used, and why (<see cref="PaperThreadPlan.Describe"/>).</summary>
    public IReadOnlyList<string> Threads { get; init; } = [];

    /// <summary>The venue's rate limits read at the start (<c>REQUEST_WEIGHT 2400/1M</c>, ...).</summary>
    public IReadOnlyList<string> RateLimits { get; init; } = [];

    public long ExchangeInfoRefreshes { get; init; }

    public long ExchangeInfoRefreshFailures { get; init; }

    /// <summary>What the refreshes found changed (UTC time first).</summary>
    public IReadOnlyList<string> ExchangeInfoChanges { get; init; } = [];

    /// <summary>The feed's health; null when the run had no feed figures.</summary>
    public FeedFigures? Feed { get; init; }

    /// <summary>The figures every live run has: where it connected, its threads, the venue's rules and refreshes, the feed.</summary>
    public static LiveRunFigures Of(Configuration.BinanceEndpoints endpoints, IReadOnlyList<string> symbols, TimeSpan? duration, PaperThreadPlan plan,
        Engine.Binance.ExchangeInfo.ExchangeInfoDocument venue, ExchangeInfoRefresher refresher, FeedFigures feed)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(refresher);
        return new LiveRunFigures
        {
            RestBase = endpoints.Rest.ToString(),
            StreamBase = endpoints.Stream.ToString(),
            Symbols = symbols,
            DurationSeconds = duration?.TotalSeconds,
            Threads = plan.Describe,
            RateLimits = [.. venue.RateLimits.Select(l => l.ToString())],
            ExchangeInfoRefreshes = refresher.Refreshes,
            ExchangeInfoRefreshFailures = refresher.Failures,
            ExchangeInfoChanges = refresher.Changes,
            Feed = feed,
        };
    }

    /// <summary><c>engine live</c>: venue, key kind, checks, gateway, user stream, PnL against the venue, health, stop; empty for paper.</summary>
    public IReadOnlyList<string> Trading { get; init; } = [];

    /// <summary><c>engine live</c>: market frame received → order request bytes handed to the socket (the gateway's histogram); null for paper.</summary>
    public LatencyFigures? TickToOrderNs { get; init; }

    /// <summary><c>engine live</c>: the start-up reconciliation's report section (markdown); null when it did not run.</summary>
    public string? ReconcileSection { get; init; }
}
