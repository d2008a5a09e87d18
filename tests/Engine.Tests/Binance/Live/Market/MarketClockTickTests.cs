using Engine.Binance.Live.Market;
using Engine.Model;
using Engine.Timing;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>
/// The TimerTick producer: ticks follow the market clock (last E plus local time since, less the safety margin),
/// never go backwards, and never pass what the feed has confirmed gap-free (a route that is down, a symbol being backfilled).
/// </summary>
public sealed class MarketClockTickTests
{
    private static long TicksOf(TimeSpan span) => (long)(span.TotalSeconds * EngineClock.TicksPerSecond);

    private static List<long> Ticks(SequencerHarness h) => [.. h.Ring.OfKind(EventKind.TimerTick).Select(e => e.TimerMs)];

    [Fact]
    public void NoTick_BeforeTheFirstFrame()
    {
        using var h = new SequencerHarness();
        Assert.False(h.Sequencer.Tick(EngineClock.Timestamp()));
        Assert.Empty(Ticks(h));
    }

    [Fact]
    public void Tick_IsTheLastEventTime_PlusLocalTimeSince_LessTheMargin_AndNeverRepeats()
    {
        using var h = new SequencerHarness(new MarketFeedOptions { TickSafetyMargin = TimeSpan.FromMilliseconds(250) });
        long received = EngineClock.Timestamp();
        h.Sequencer.OnFrame(h.Link, FeedFrames.AggTrade("BTCUSDT", 1, FeedFrames.T0), received, 0); // E = T0 + 5
        for (int ms = 100; ms <= 2000; ms += 100) // the timer's period
        {
            h.Sequencer.Tick(received + TicksOf(TimeSpan.FromMilliseconds(ms)));
        }

        Assert.False(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromSeconds(2)))); // nothing new: no second tick
        long tick = Ticks(h)[^1];
        Assert.InRange(tick, FeedFrames.T0 + 5 + 2000 - 250 - 1, FeedFrames.T0 + 5 + 2000 - 250);
        Assert.Equal(Ticks(h).Order(), Ticks(h)); // never backwards
    }

    /// <summary>
    /// A process that stood still for 5 s (a collection's pause, stolen CPU, a starved pool) may have frames in its socket
    /// it has not read: the first reading after the stall adds at most two timer periods (200 ms), not the 5 s, so the
    /// interval those frames belong to is not closed before they arrive; the next frame sets the clock again.
    /// </summary>
    [Fact]
    public void Tick_AfterTheProcessStoodStill_AdvancesOneStep_NotTheWholePause()
    {
        using var h = new SequencerHarness(new MarketFeedOptions { TickSafetyMargin = TimeSpan.Zero });
        long received = EngineClock.Timestamp();
        h.Sequencer.OnFrame(h.Link, FeedFrames.AggTrade("BTCUSDT", 1, FeedFrames.T0), received, 0); // E = T0 + 5
        Assert.True(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromMilliseconds(100))));
        Assert.True(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromMilliseconds(5100)))); // 5 s without a reading
        Assert.InRange(Ticks(h)[^1], FeedFrames.T0 + 5 + 300 - 1, FeedFrames.T0 + 5 + 300);
        Assert.True(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromMilliseconds(5200)))); // running again: one period
        Assert.InRange(Ticks(h)[^1], FeedFrames.T0 + 5 + 400 - 1, FeedFrames.T0 + 5 + 400);

        // The frames that waited in the socket: the clock is the exchange's again.
        h.Sequencer.OnFrame(h.Link, FeedFrames.AggTrade("BTCUSDT", 2, FeedFrames.T0 + 5000), received + TicksOf(TimeSpan.FromMilliseconds(5250)), 0);
        Assert.True(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromMilliseconds(5300))));
        Assert.InRange(Ticks(h)[^1], FeedFrames.T0 + 5000 + 5 + 50 - 1, FeedFrames.T0 + 5000 + 5 + 50);
    }

    [Fact]
    public void Tick_WaitsAtTheLastReleasedTrade_WhileItsSymbolIsBackfilled()
    {
        using var h = new SequencerHarness(new MarketFeedOptions { TickSafetyMargin = TimeSpan.Zero });
        h.History.Then(new HistoryAnswer(HistoryOutcome.RateLimited, TimeSpan.FromSeconds(30), "HTTP 429")); // the backfill stays pending
        long received = EngineClock.Timestamp();
        h.Sequencer.OnFrame(h.Link, FeedFrames.AggTrade("BTCUSDT", 10), received, 0);      // T = T0 + 100
        h.Sequencer.OnFrame(h.Link, FeedFrames.AggTrade("BTCUSDT", 20), received, 0);      // gap 11..19: held
        Assert.True(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromSeconds(5))));
        Assert.Equal(FeedFrames.T0 + 100, Assert.Single(Ticks(h)));
    }

    [Fact]
    public void Tick_WaitsAtTheLastTradeOfARouteThatIsDown()
    {
        using var h = new SequencerHarness(new MarketFeedOptions { TickSafetyMargin = TimeSpan.Zero });
        long received = EngineClock.Timestamp();
        h.Sequencer.OnFrame(h.Link, FeedFrames.AggTrade("BTCUSDT", 1, FeedFrames.T0), received, 0); // E = T0 + 5
        h.Sequencer.RouteClosed(h.Route);
        Assert.True(h.Sequencer.Tick(received + TicksOf(TimeSpan.FromSeconds(5))));
        Assert.Equal(FeedFrames.T0 + 5, Assert.Single(Ticks(h)));
    }
}
