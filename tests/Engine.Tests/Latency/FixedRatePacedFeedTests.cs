using Engine.Latency;
using Engine.Model;
using Engine.Timing;

namespace Engine.Tests.Latency;

public class FixedRatePacedFeedTests
{
    private static TradeTape TwoTrades()
    {
        var a = new EngineEvent { Kind = EventKind.Trade };
        a.Trade.Id = 1;
        a.Trade.TradeTimeMs = 100;
        EngineEvent b = a;
        b.Trade.Id = 2;
        b.Trade.TradeTimeMs = 200;
        return new TradeTape([a, b], 1);
    }

    [Fact]
    public void TryReadNext_StampsEachEventWithItsIntendedStart()
    {
        const double rate = 10_000_000; // 100 ns apart: the test spins for about 50 µs in all
        var feed = new FixedRatePacedFeed(TwoTrades(), 500, rate);
        var slot = default(EngineEvent);
        var stamps = new long[500];
        for (int i = 0; i < stamps.Length; i++)
        {
            Assert.True(feed.TryReadNext(ref slot));
            stamps[i] = slot.ReceivedTimestamp;
        }

        double ticksPerEvent = EngineClock.TicksPerSecond / rate;
        for (int i = 0; i < stamps.Length; i++)
        {
            Assert.Equal(feed.StartTimestamp + (long)(i * ticksPerEvent), stamps[i]);
        }

        Assert.True(feed.EndTimestamp >= stamps[^1], "the last event cannot leave before it is due");
    }

    [Fact]
    public void TryReadNext_AfterTheCount_ReportsTheEndAndLeavesTheSlotAlone()
    {
        var feed = new FixedRatePacedFeed(TwoTrades(), 3, 1_000_000);
        var slot = default(EngineEvent);
        Assert.True(feed.TryReadNext(ref slot));
        Assert.True(feed.TryReadNext(ref slot));
        Assert.True(feed.TryReadNext(ref slot));
        Assert.Equal(3, slot.Trade.Id); // lap 1 of a tape whose id span is 2

        long stamp = slot.ReceivedTimestamp;
        Assert.False(feed.TryReadNext(ref slot));
        Assert.Equal(stamp, slot.ReceivedTimestamp);
        Assert.Equal(3, feed.Published);
    }
}
