using System.Globalization;
using Engine.Binance.Live.Market;
using Engine.Metrics;
using Engine.Model;

namespace Engine.Cli.Run;

/// <summary>Binance's market streams (<see cref="MarketFeed"/>: aggTrade per symbol, gap backfill, TimerTick) as a paper run's feed.</summary>
public sealed class BinancePaperFeed : IPaperFeed
{
    private readonly MarketFeed _feed;
    private readonly SymbolRegistry _registry;

    private BinancePaperFeed(MarketFeed feed, SymbolRegistry registry)
    {
        _feed = feed;
        _registry = registry;
    }

    /// <summary>The feed for <paramref name="context"/>'s symbols, on its REST and stream bases.</summary>
    public static IPaperFeed Create(PaperFeedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new MarketFeedOptions { RestBase = context.Endpoints.Rest, StreamBase = context.Endpoints.Stream, Symbols = context.Symbols };
        if (context.TickSafetyMargin is { } margin)
        {
            options = options with { TickSafetyMargin = margin };
        }

        return new BinancePaperFeed(new MarketFeed(options, context.Registry, context.Input), context.Registry);
    }

    public Task StartAsync(CancellationToken stop) => _feed.StartAsync(stop);

    public Task StopAsync() => _feed.StopAsync();

    public bool Connected => _feed.Statistics.Snapshot().ConnectionsOpen > 0;

    public ValueTask DisposeAsync() => _feed.DisposeAsync();

    public FeedFigures Figures()
    {
        FeedSnapshot s = _feed.Statistics.Snapshot();
        return new FeedFigures
        {
            Frames = s.Frames,
            FramesPerSecond = s.FramesPerSecond(null),
            Reconnects = s.Reconnects,
            ConnectFailures = s.ConnectFailures,
            Handovers = s.Handovers,
            GapsFound = s.GapsFound,
            GapsFilled = s.GapsFilled,
            GapsUnfilled = s.UnfillableGaps.Count,
            TradesBackfilled = s.TradesBackfilled,
            BackfillRequests = s.BackfillRequests,
            DuplicatesDropped = s.Duplicates,
            ClockOffsetMs = s.ClockOffsetMs,
            ExchangeToReceiveNs = Figures(s.ExchangeToReceiveMicros, 1_000),
            ReceiveToRingNs = Figures(s.ReceiveToRingNanos, 1),
            UnfilledIntervals = [.. s.UnfillableGaps.Select(Describe)],
        };
    }

    private static LatencyFigures Figures(Histogram h, long toNanos) => h.TotalCount == 0 ? new LatencyFigures() : new LatencyFigures
    {
        P50 = h.ValueAtPercentile(50) * toNanos,
        P99 = h.ValueAtPercentile(99) * toNanos,
        P999 = h.ValueAtPercentile(99.9) * toNanos,
        P9999 = h.ValueAtPercentile(99.99) * toNanos,
        Max = h.MaxValue * toNanos,
        Count = h.TotalCount,
    };

    private string Describe(FeedGap g)
    {
        string from = DateTimeOffset.FromUnixTimeMilliseconds(g.FromTimeMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        string to = DateTimeOffset.FromUnixTimeMilliseconds(g.ToTimeMs).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return $"{_registry.NameOf(g.Symbol)} {from} to {to} (aggTrade ids {g.FromId} to {g.ToId})";
    }
}
