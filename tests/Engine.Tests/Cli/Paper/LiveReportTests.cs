using Engine.Cli.Run;
using Engine.Cli.Status;
using Engine.Metrics;

namespace Engine.Tests.Cli.Paper;

/// <summary>A live run's figures in the status line, the report's "Live feed" section and the verdict.</summary>
public sealed class LiveReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-live-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static LiveRunFigures Live(long gapsUnfilled = 0) => new()
    {
        RestBase = "http://127.0.0.1:8123/",
        StreamBase = "ws://127.0.0.1:8123/",
        Symbols = ["BTCUSDT", "ETHUSDT"],
        DurationSeconds = 900,
        Threads = ["2 cores: engine Yielding on CPU 1"],
        RateLimits = ["REQUEST_WEIGHT 2400/1M", "ORDERS 1200/1M"],
        ExchangeInfoRefreshes = 3,
        ExchangeInfoRefreshFailures = 1,
        ExchangeInfoChanges = ["2026-12-05T12:00:00Z ETHUSDT: status TRADING -> BREAK"],
        Feed = new FeedFigures
        {
            Frames = 123_456, FramesPerSecond = 137.2, Reconnects = 4, ConnectFailures = 2, Handovers = 1, GapsFound = 6, GapsFilled = 6 - gapsUnfilled,
            GapsUnfilled = gapsUnfilled, TradesBackfilled = 30, BackfillRequests = 9, DuplicatesDropped = 12, ClockOffsetMs = -1.25,
            ExchangeToReceiveNs = new LatencyFigures { P50 = 2_100_000, P99 = 9_500_000, P999 = 12_000_000, P9999 = 15_000_000, Max = 20_000_000, Count = 123_456 },
            ReceiveToRingNs = new LatencyFigures { P50 = 820, P99 = 4_100, P999 = 9_000, P9999 = 15_000, Max = 41_200, Count = 123_456 },
            UnfilledIntervals = gapsUnfilled > 0 ? ["BTCUSDT 2024-08-08T23:55:00Z (aggTrade ids 41 to 45)"] : [],
        },
    };

    [Fact]
    public void StatusLine_WithFeedFigures_AppendsFramesReconnectsGapsAndBackfill()
    {
        var s = new StatusSnapshot(Events: 10, RingDepth: 0, Signals: 0, Orders: 0, Cancels: 0, Fills: 0, NetPnl: 0m, P99Nanos: 850, Progress: -1,
            FeedFramesPerSecond: 137.4, FeedReconnects: 4, FeedGapsFound: 6, FeedGapsFilled: 5, FeedTradesBackfilled: 30);

        string line = StatusLine.Format(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero), s, 10);

        Assert.Equal("2026-12-05T12:00:00.000Z events=10 rate=10/s ring=0 signals=0 orders=0 cancels=0 fills=0 netPnl=0.00 p99=850ns feed=137/s reconnects=4 gaps=5/6 backfilled=30", line);
    }

    [Fact]
    public void Report_OfALiveRun_HasTheLiveFeedSection_AndHoldsLatencyAgainstTheBudget()
    {
        var summary = new RunSummary
        {
            Symbol = "BTCUSDT", Trades = 10, Rows = 1, LatencyBudgetMs = 100, StopReason = "--duration 15m",
            LatencyNs = new LatencyFigures { P50 = 1_000, P99 = 2_000, P999 = 3_000, P9999 = 4_000, Max = 5_000, Count = 100 },
            Live = Live(),
        };

        (string path, RunSummary written) = RunReportWriter.WriteAll(_dir, summary, [("end-to-end", Histogram())]);
        string md = File.ReadAllText(path);

        Assert.Contains("- Pace: live (events enter as the feed receives them)", md, StringComparison.Ordinal);
        Assert.Contains("- Ended: stopped by --duration 15m (feed stopped, rings drained, files flushed)", md, StringComparison.Ordinal);
        Assert.Contains("- Venue: REST `http://127.0.0.1:8123/`, streams `ws://127.0.0.1:8123/`", md, StringComparison.Ordinal);
        Assert.Contains("- Threads: 2 cores: engine Yielding on CPU 1", md, StringComparison.Ordinal);
        Assert.Contains("- exchangeInfo refreshes: 3 read, 1 failed; changes found: 1", md, StringComparison.Ordinal);
        Assert.Contains("  - 2026-12-05T12:00:00Z ETHUSDT: status TRADING -> BREAK", md, StringComparison.Ordinal);
        Assert.Contains("| 123456 | 137 | 4 | 2 | 1 | 6 | 6 | 0 | 30 | 9 | 12 |", md, StringComparison.Ordinal);
        Assert.Contains("| exchange `E` to receive (corrected by the clock offset -1.25 ms) | 2.1 ms | 9.5 ms | 12 ms | 15 ms | 20 ms | 123456 |", md, StringComparison.Ordinal);
        Assert.Contains("| receive to input ring | 820 ns | 4.1 µs | 9 µs | 15 µs | 41.2 µs | 123456 |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("As fast as possible", md, StringComparison.Ordinal);

        // Events enter at their real time, so the budget applies (a replay without --speed is a throughput run).
        Assert.StartsWith("Latency: budget of 100 ms held", RunVerdict.ConsoleLines(written)[0], StringComparison.Ordinal);
        FeedFigures read = RunReportWriter.ReadSummary(_dir).Live!.Feed!; // summary.json carries the figures for engine report
        Assert.Equal((4L, 30L, -1.25), (read.Reconnects, read.TradesBackfilled, read.ClockOffsetMs));
        Assert.Equal(Live().Feed!.ReceiveToRingNs, read.ReceiveToRingNs);
    }

    [Fact]
    public void Verdict_GapsTheBackfillCouldNotFill_AreAProblem_AndTheirIntervalsAreNamed()
    {
        var summary = new RunSummary { Symbol = "BTCUSDT", Trades = 10, Rows = 1, Live = Live(gapsUnfilled: 1) };

        string path = RunReportWriter.Write(_dir, summary, [("end-to-end", Histogram())]);

        Assert.Contains("Problem: feed: 1 gaps in the trade ids could not be backfilled; their intervals are incomplete (Live feed in report.md).", RunVerdict.ConsoleLines(summary));
        Assert.Contains("Interval with a gap the backfill could not fill (its row is incomplete): BTCUSDT 2024-08-08T23:55:00Z (aggTrade ids 41 to 45).", File.ReadAllText(path), StringComparison.Ordinal);
    }

    private static Histogram Histogram()
    {
        var h = new Histogram(3_600_000_000_000, 3);
        h.RecordValue(1_000);
        return h;
    }
}
