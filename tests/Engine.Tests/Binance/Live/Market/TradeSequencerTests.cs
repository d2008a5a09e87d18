using Engine.Binance.Live.Market;
using Engine.Model;
using Engine.Tests.Support;
using Engine.Timing;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>
/// The feed's sequencing rules with a scripted REST history: every aggregate id reaches the ring once, in id
/// order, whatever order and repetition the streams deliver them in, and what REST cannot fill is named as a FeedGap.
/// </summary>
public sealed class TradeSequencerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static List<long> Range(long from, long to) => [.. Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i)];

    [Fact]
    public void ContiguousIds_GoStraightToTheRing_InOrder_WithoutAnyRequest()
    {
        using var h = new SequencerHarness();
        h.Trades("BTCUSDT", 1, 100);
        Assert.Equal(Range(1, 100), h.Ring.TradeIds(h.Btc));
        FeedSnapshot s = h.Stats.Snapshot();
        Assert.Equal(100, s.TradeFrames);
        Assert.Equal(0, s.Duplicates);
        Assert.Equal(0, s.GapsFound);
        Assert.Empty(h.History.Requests);
    }

    [Fact]
    public void FirstTrade_StartsTheSequence_WhateverItsId()
    {
        using var h = new SequencerHarness();
        h.Trades("BTCUSDT", 5000, 5003);
        Assert.Equal(Range(5000, 5003), h.Ring.TradeIds(h.Btc));
        Assert.Empty(h.History.Requests);
    }

    [Fact]
    public void RepeatedIds_FromASecondConnection_AreDroppedAndCounted()
    {
        using var h = new SequencerHarness();
        var second = new FeedLink(h.Route);
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 5, 12, second);
        Assert.Equal(Range(1, 12), h.Ring.TradeIds(h.Btc));
        Assert.Equal(6, h.Stats.Snapshot().Duplicates); // 5..10 came twice
        Assert.True(second.CaughtUp);
    }

    [Fact]
    public void IdJump_HoldsLaterTrades_BackfillsTheMissingIds_ThenReleasesTheHeldOnesInIdOrder()
    {
        using var h = new SequencerHarness();
        h.History.AddRange(h.Btc, 1, 20); // REST holds what happened so far
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 16, 20); // 11..15 never came
        Assert.True(h.Settled(Wait));
        h.Trades("BTCUSDT", 21, 22);

        Assert.Equal(Range(1, 22), h.Ring.TradeIds(h.Btc));
        FeedSnapshot s = h.Stats.Snapshot();
        Assert.Equal(1, s.GapsFound);
        Assert.Equal(1, s.GapsFilled);
        Assert.Equal(5, s.TradesBackfilled);
        Assert.Equal(11, h.History.Requests[0]);

        // A backfilled trade carries REST's fields: id 12 → f 36, l 38, T = T0 + 120, m true (even id).
        Trade t12 = h.Ring.OfKind(EventKind.Trade).Single(e => e.Trade.Id == 12).Trade;
        Assert.Equal((36L, 38L, FeedFrames.T0 + 120, true), (t12.FirstTradeId, t12.LastTradeId, t12.TradeTimeMs, t12.BuyerIsMaker));
        Assert.Equal(Price.Parse("61800.10"), t12.Price);
    }

    [Fact]
    public void TradesArrivingDuringTheBackfill_AreHeld_AndDuplicatesOfBackfilledIdsDropped()
    {
        using var h = new SequencerHarness();
        h.History.AddRange(h.Btc, 1, 30);
        h.History.Then(new HistoryAnswer(HistoryOutcome.RateLimited, TimeSpan.FromMilliseconds(300), "HTTP 429"));
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 14, 30); // held while the backfill waits out its 429
        Assert.Equal(Range(1, 10), h.Ring.TradeIds(h.Btc));
        Assert.True(h.Settled(Wait));
        Assert.Equal(Range(1, 30), h.Ring.TradeIds(h.Btc));
        Assert.Equal(3, h.Stats.Snapshot().TradesBackfilled); // 11..13 only; 14..30 came from the stream
    }

    [Fact]
    public void Backfill_RetriesAfter5xx_AndWaitsTheRetryAfterOf429_BeforeAskingAgain()
    {
        using var h = new SequencerHarness();
        h.History.AddRange(h.Btc, 1, 20);
        h.History.Then(new HistoryAnswer(HistoryOutcome.Unavailable, TimeSpan.Zero, "HTTP 503"));
        h.History.Then(new HistoryAnswer(HistoryOutcome.RateLimited, TimeSpan.FromMilliseconds(400), "HTTP 429"));
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 20, 20);
        Assert.True(h.Settled(Wait));

        Assert.Equal(Range(1, 20), h.Ring.TradeIds(h.Btc));
        FeedSnapshot s = h.Stats.Snapshot();
        Assert.Equal((1L, 1L, 1L), (s.BackfillUnavailable, s.BackfillRateLimited, s.GapsFilled));
        Assert.Equal(3, h.History.Requests.Count);
        Assert.True(h.History.RequestTimesMs[2] - h.History.RequestTimesMs[1] >= 400, "the request after a 429 waited its Retry-After");
    }

    [Fact]
    public void RestAheadOfTheStream_ItsLaterTradesGoToTheRing_AndTheirLiveCopiesAreDropped()
    {
        using var h = new SequencerHarness();
        h.History.AddRange(h.Btc, 1, 40);
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 16, 20);
        Assert.True(h.Settled(Wait));
        h.Trades("BTCUSDT", 21, 45); // 21..40 already came from REST
        Assert.Equal(Range(1, 45), h.Ring.TradeIds(h.Btc));
        Assert.Equal(20, h.Stats.Snapshot().Duplicates);
    }

    [Fact]
    public void RefusedBackfill_NamesTheGapAsAFeedGapEvent_ThenReleasesTheHeldTrades()
    {
        using var h = new SequencerHarness();
        h.History.Then(new HistoryAnswer(HistoryOutcome.Refused, TimeSpan.Zero, "HTTP 400"));
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 16, 20);
        Assert.True(h.Settled(Wait));

        List<EngineEvent> events = h.Ring.Published().Where(e => e.Kind is EventKind.Trade or EventKind.FeedGap).ToList();
        Assert.Equal([.. Range(1, 10), -1, .. Range(16, 20)], events.Select(e => e.Kind == EventKind.FeedGap ? -1 : e.Trade.Id));
        FeedGap gap = events[10].Gap;
        Assert.Equal((h.Btc, 11L, 15L, FeedFrames.T0 + 100, FeedFrames.T0 + 160), (gap.Symbol, gap.FromId, gap.ToId, gap.FromTimeMs, gap.ToTimeMs));
        FeedSnapshot s = h.Stats.Snapshot();
        Assert.Equal(gap, Assert.Single(s.UnfillableGaps));
        Assert.Equal((1L, 0L), (s.GapsFound, s.GapsFilled));
    }

    [Fact]
    public void IdsRestDoesNotHave_AreAskedForAgain_ThenReportedUnfillable()
    {
        using var h = new SequencerHarness(new MarketFeedOptions { BackfillEmptyRetries = 2 });
        h.History.AddRange(h.Btc, 1, 10); // REST lacks 11..15
        h.Trades("BTCUSDT", 1, 10);
        h.Trades("BTCUSDT", 16, 17);
        Assert.True(h.Settled(Wait));
        Assert.Equal(3, h.History.Requests.Count); // the first ask and two repeats, all from id 11
        Assert.All(h.History.Requests, r => Assert.Equal(11, r));
        Assert.Equal((11L, 15L), (h.Stats.Snapshot().UnfillableGaps[0].FromId, h.Stats.Snapshot().UnfillableGaps[0].ToId));
        Assert.Equal([.. Range(1, 10), .. Range(16, 17)], h.Ring.TradeIds(h.Btc));
    }

    [Fact]
    public void AfterAReconnect_ABackfillFromTheLastId_RecoversTradesTheStreamMissed_BeforeAnyLaterLiveTrade()
    {
        using var h = new SequencerHarness();
        h.History.AddRange(h.Btc, 1, 14);
        h.Trades("BTCUSDT", 1, 10);
        h.Sequencer.RouteClosed(h.Route);
        h.Sequencer.RouteOpened(h.Route, handover: false); // 11..14 happened while it was down
        Assert.True(h.Settled(Wait));
        h.Trades("BTCUSDT", 15, 16);

        Assert.Equal(Range(1, 16), h.Ring.TradeIds(h.Btc));
        FeedSnapshot s = h.Stats.Snapshot();
        Assert.Equal((1L, 1L, 4L), (s.GapsFound, s.GapsFilled, s.TradesBackfilled));
    }

    [Fact]
    public void AfterAReconnect_ACheckThatFindsNothingMissing_CountsNoGap()
    {
        using var h = new SequencerHarness();
        h.History.AddRange(h.Btc, 1, 10);
        h.Trades("BTCUSDT", 1, 10);
        h.Sequencer.RouteClosed(h.Route);
        h.Sequencer.RouteOpened(h.Route, handover: false);
        Assert.True(h.Settled(Wait));
        h.Trades("BTCUSDT", 11, 12);
        Assert.Equal(Range(1, 12), h.Ring.TradeIds(h.Btc));
        Assert.Equal((0L, 0L), (h.Stats.Snapshot().GapsFound, h.Stats.Snapshot().TradesBackfilled));
    }

    [Fact]
    public void HandoverConnection_OpensWithoutACheck()
    {
        using var h = new SequencerHarness();
        h.Trades("BTCUSDT", 1, 10);
        h.Sequencer.RouteOpened(h.Route, handover: true);
        Assert.False(h.Sequencer.State(h.Btc)!.Recovering);
        Assert.Empty(h.History.Requests);
    }

    [Fact]
    public void WarmFramePath_AllocatesNothing()
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);
        var ring = new CountingPublisher();
        var stats = new FeedStatistics();
        var sequencer = new TradeSequencer(registry, ["BTCUSDT"], ring, stats, new MarketFeedOptions { Symbols = ["BTCUSDT"] });
        var link = new FeedLink(new FeedRoute(new Uri("ws://127.0.0.1:1/"), []));
        byte[][] frames = [.. Enumerable.Range(1, 20_000).Select(i => FeedFrames.AggTrade("BTCUSDT", i))];
        long now = EngineClock.Timestamp();
        for (int i = 0; i < 10_000; i++)
        {
            sequencer.OnFrame(link, frames[i], now, 0);
        }

        long bytes = Allocations.Measure(() =>
        {
            for (int i = 10_000; i < 20_000; i++)
            {
                sequencer.OnFrame(link, frames[i], now, 0);
            }
        });

        Assert.Equal(0, bytes);
        Assert.Equal(20_000, ring.Trades);
    }
}
