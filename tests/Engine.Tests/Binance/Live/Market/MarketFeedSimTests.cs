using Engine.Binance.Live.Market;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Market;
using Engine.Sim.Trading;
using Engine.Tests.Sim.Market;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>
/// The feed against the sim's faults over loopback, one test per reconnect path: whatever the sim does to the
/// streams, every aggregate id of the tape reaches the ring exactly once, in id order, and the feed's counters agree
/// with what the sim says it injected.
/// </summary>
public sealed class MarketFeedSimTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static SimFaults Faults(Action<SimFaults> set)
    {
        var f = new SimFaults();
        set(f);
        return f;
    }

    [Fact]
    public async Task CleanStreams_EveryAggTradeOnce_InIdOrder_WithTheTapesFields()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 200, stepMs: 50, speed: 10, symbols: ["BTCUSDT", "ETHUSDT"]);
        await h.RunToEndAsync(Wait);
        foreach (string symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id(symbol))), h.Diagnose());
        }

        // aggregate k is tape trade k-1: T = T0 + (k-1) × 50 (+1 ms for ETHUSDT), price alternating from 61800.1
        Trade t7 = h.Ring.OfKind(EventKind.Trade).Single(e => e.Trade.Symbol == h.Id("ETHUSDT") && e.Trade.Id == 7).Trade;
        Assert.Equal((FeedSimHarness.T0 + 301, Price.Parse("61800.1"), Quantity.Parse("0.001")), (t7.TradeTimeMs, t7.Price, t7.Quantity));
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.Equal((0L, 0L, 0L), (s.Reconnects, s.GapsFound, s.Duplicates));
        Assert.Equal(400, s.ReceiveToRingNanos.TotalCount);

        // @markPrice@1s reaches the ring too: one per whole tape second (10 s of tape), the last trade price before it.
        List<EngineEvent> marks = h.Ring.OfKind(EventKind.MarkPrice).Where(e => e.Mark.Symbol == h.Id("BTCUSDT")).ToList();
        Assert.InRange(marks.Count, 5, 12);
        Assert.All(marks, m => Assert.Contains(m.Mark.Price, new[] { Price.Parse("61800.1"), Price.Parse("61800.2") }));
    }

    [Fact]
    public async Task NetworkDrop_Reconnects_AndBackfillsWhatWasMissed()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 400, stepMs: 50, speed: 5, Faults(f => f.Market.DisconnectEverySeconds = 4));
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        long drops = h.Server.Exchange.FaultsInjected[MarketPlayer.Disconnect];
        Assert.InRange(s.Reconnects, 1, drops);
        Assert.Equal(s.GapsFound, s.GapsFilled);
        Assert.True(s.TradesBackfilled > 0, h.Diagnose()); // the tape played on while the feed reconnected
        Assert.Empty(s.UnfillableGaps);
    }

    [Fact]
    public async Task ServerClose_AtTheConnectionLifetime_Reconnects_WithNoGap()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 300, stepMs: 50, speed: 5,
            feedOptions: o => o with { HandoverAfter = Timeout.InfiniteTimeSpan },
            simOptions: o => o.Market.ConnectionLifetime = TimeSpan.FromMilliseconds(800));
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        Assert.True(s.Reconnects >= 1, h.Diagnose());
        Assert.Contains("closed by the server", s.LastDisconnect, StringComparison.Ordinal);
        Assert.True(h.Server.Exchange.MarketSide!.Hub.ClosedByReason().ContainsKey("lifetime reached"));
    }

    [Fact]
    public async Task StalledStream_IsTakenForDead_Replaced_AndBackfilled()
    {
        // The sim holds its streams for 2 s (its socket still answers pings); the feed gives up on a stream silent for 400 ms.
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 300, stepMs: 50, speed: 5,
            Faults(f => { f.Market.StallMs = 2000; f.Market.StallEverySeconds = 5; }),
            feedOptions: o => o with { StaleAfter = TimeSpan.FromMilliseconds(400) });
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        Assert.True(s.Reconnects >= 1, h.Diagnose());
        Assert.True(h.Server.Exchange.FaultsInjected[MarketPlayer.Stall] >= 1);
    }

    [Fact]
    public async Task ServerPings_AreAnswered_SoThePingTimeoutNeverDropsTheFeed()
    {
        // The sim pings every 50 ms and drops a socket that has not answered within 1 s (the run lasts 2.5 s; the pong
        // comes from a pool thread, so a tighter window fails on a loaded machine for reasons other than the feed's).
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 200, stepMs: 50, speed: 4,
            feedOptions: o => o with { KeepAliveInterval = TimeSpan.Zero },
            simOptions: o => { o.Market.PingInterval = TimeSpan.FromMilliseconds(50); o.Market.PongTimeout = TimeSpan.FromSeconds(1); });
        await h.RunToEndAsync(Wait);
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        Assert.Equal(0, h.Feed.Statistics.Snapshot().Reconnects);
        // One socket for the whole run: never dropped for a missing pong (its abort when the feed stops is the client leaving).
        Assert.Equal(1, h.Server.Exchange.MarketSide!.Hub.Opened);
    }

    [Fact]
    public async Task Handover_OpensTheNewConnectionFirst_ThenClosesTheOld_WithNoGapAndNoDuplicateInTheRing()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 400, stepMs: 50, speed: 5,
            feedOptions: o => o with { HandoverAfter = TimeSpan.FromMilliseconds(700) });
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        Assert.True(s.Handovers >= 2, h.Diagnose());
        Assert.Equal((0L, 0L, 0L), (s.Reconnects, s.GapsFound, s.TradesBackfilled));
        Assert.True(h.Server.Exchange.MarketSide!.Hub.ClosedByReason().ContainsKey("closed by the client"));
    }

    [Fact]
    public async Task SkippedRuns_AreFoundByTheirIds_AndBackfilledExactly()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 300, stepMs: 50, speed: 5, Faults(f => { f.Market.SkipEverySeconds = 2; f.Market.SkipCount = 4; }));
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        int skipped = h.Server.Exchange.MarketSide!.Player.SkippedAggregates.Count;
        Assert.True(skipped > 0);
        // Exactly the omitted ids were missing: a backfill page may also carry trades whose live frames were still on
        // their way (a loaded machine), fed from REST and their live copies dropped as duplicates (the sim sends none twice).
        Assert.Equal(skipped, s.TradesBackfilled - s.Duplicates);
        Assert.Equal(s.GapsFound, s.GapsFilled);
    }

    [Fact]
    public async Task BackfillAnswered5xx_IsRetried_UntilTheGapIsFilled()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 300, stepMs: 50, speed: 5,
            Faults(f => { f.Market.SkipEverySeconds = 2; f.Market.SkipCount = 4; f.Market.AggTradesHttp5xxRate = 0.5; }),
            feedOptions: o => o with { BackfillMaxRetries = 40 });
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        Assert.True(s.BackfillUnavailable > 0, h.Diagnose());
        Assert.Equal(h.Server.Exchange.FaultsInjected[MarketEndpoints.AggTrades5xx], s.BackfillUnavailable);
        Assert.Empty(s.UnfillableGaps);
    }

    [Fact]
    public async Task BackfillAnswered429_WaitsTheRetryAfter_IsNeverBanned_AndFillsTheGap()
    {
        await using FeedSimHarness h = await FeedSimHarness.StartAsync(count: 300, stepMs: 50, speed: 10,
            Faults(f => { f.Market.SkipEverySeconds = 1; f.Market.SkipCount = 2; }),
            simOptions: _ => { });
        h.Server.Exchange.Limits.SetRules([new RateLimitRule("REQUEST_WEIGHT", "SECOND", 1, 40)]); // two backfill requests a second
        await h.RunToEndAsync(Wait);
        FeedSnapshot s = h.Feed.Statistics.Snapshot();
        Assert.True(h.AllIds.SequenceEqual(h.Ring.TradeIds(h.Id("BTCUSDT"))), h.Diagnose());
        Assert.True(s.BackfillRateLimited > 0, h.Diagnose());
        Assert.Equal(h.Server.Exchange.Limits.Refused429, s.BackfillRateLimited);
        Assert.Equal(0, h.Server.Exchange.Limits.Refused418);
        Assert.Empty(s.UnfillableGaps);
    }

    [Fact]
    public async Task RawFrameTap_WithoutARing_SeesEveryFrameAsSent_WithItsLocalReceiveTime()
    {
        await using SimServer server = await MarketTapes.Host(FeedSimHarness.Tape(100, 50, "BTCUSDT"), configure: o => o.Speed = 10);
        var tap = new CollectingTap();
        long before = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        var options = MarketFeedOptions.ForEndpoint(server.BaseAddress, ["BTCUSDT"]) with { Streams = ["aggTrade", "trade"] };
        await using var feed = new MarketFeed(options, new SymbolRegistry(["BTCUSDT"]), publisher: null, tap);
        await feed.StartAsync();
        Assert.True(Support.Deadline.WaitUntil(() => tap.Count("\"a\":100,") == 1 && tap.Count("\"t\":1099,") == 1, Wait), MarketTapes.Diagnose(server));
        await feed.StopAsync();
        long after = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

        // Every aggTrade and trade frame, whole, in the combined envelope, stamped with a local time inside the run.
        Assert.Equal(100, tap.Count("\"stream\":\"btcusdt@aggTrade\""));
        Assert.Equal(100, tap.Count("\"stream\":\"btcusdt@trade\""));
        Assert.All(tap.Frames, f => Assert.InRange(f.Ns, before, after));
        Assert.All(tap.Frames, f => Assert.EndsWith("}}", f.Text, StringComparison.Ordinal));
        Assert.Equal(tap.Frames.Count, feed.Statistics.Snapshot().Frames);
    }

    private sealed class CollectingTap : IRawFrameTap
    {
        private readonly List<(string Text, long Ns)> _frames = [];

        public List<(string Text, long Ns)> Frames
        {
            get
            {
                lock (_frames)
                {
                    return [.. _frames];
                }
            }
        }

        public int Count(string fragment) => Frames.Count(f => f.Text.Contains(fragment, StringComparison.Ordinal));

        public void OnFrame(ReadOnlySpan<byte> utf8, long localUnixNanos)
        {
            string text = System.Text.Encoding.UTF8.GetString(utf8);
            lock (_frames)
            {
                _frames.Add((text, localUnixNanos));
            }
        }
    }
}
