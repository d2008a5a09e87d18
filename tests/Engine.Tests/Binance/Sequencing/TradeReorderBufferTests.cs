using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Binance.Sequencing;

public sealed class TradeReorderBufferTests
{
    private const long T0 = 1_723_161_256_000;

    [Fact]
    public void InOrder_PassesEveryTradeUnchanged()
    {
        var (ids, buffer) = Play(Trades((1, 0), (2, 10), (3, 20), (4, 2_000), (5, 2_010)));

        Assert.Equal([1, 2, 3, 4, 5], ids);
        Assert.Equal(0, buffer.Late + buffer.Duplicates + buffer.Gaps);
    }

    [Fact]
    public void TradeAheadOfItsPlace_WaitsForTheIdsBelowIt()
    {
        // Id 6 (39 s ahead) arrives first: it must neither go first nor move the clock past the others.
        var (ids, buffer) = Play(Trades((6, 39_000), (1, 0), (2, 400), (3, 900), (4, 1_500), (5, 38_000), (7, 39_500)));

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], ids);
        Assert.Equal(5, buffer.Reordered); // 1 to 5 arrived after a higher id
        Assert.Equal(0, buffer.DroppedLate);
        Assert.Equal(0, buffer.Gaps);
    }

    [Fact]
    public void MissingId_IsGivenUpOnceTheInputIsAWindowPastIt_AndCountedAsAGap()
    {
        var (ids, buffer) = Play(Trades((1, 0), (2, 100), (3, 200), (4, 300), (6, 400), (7, 900), (8, 1_299), (9, 1_301), (10, 1_400)), windowMs: 1_000);

        Assert.Equal([1, 2, 3, 4, 6, 7, 8, 9, 10], ids);
        Assert.Equal(1, buffer.Gaps);
        Assert.Equal(1, buffer.MissingIds);
    }

    [Fact]
    public void TradeAfterItsGapWasGivenUp_IsLateAndDropped()
    {
        var (ids, buffer) = Play(Trades((1, 0), (2, 100), (4, 200), (5, 1_200), (6, 1_300), (3, 150), (7, 1_400)), windowMs: 1_000);

        Assert.Equal([1, 2, 4, 5, 6, 7], ids);
        Assert.Equal(1, buffer.DroppedLate);
        Assert.Equal(1, buffer.Late);
        Assert.Equal(1, buffer.Gaps);
    }

    [Fact]
    public void RepeatedIds_AreDroppedAndCounted_TheFirstKept()
    {
        Trade[] trades = Trades((1, 0), (2, 10), (2, 10), (3, 20), (1, 0), (4, 30), (4, 30));
        trades[2].Quantity = new Quantity(999); // a repeat is dropped whatever it holds

        var (ids, buffer) = Play(trades);

        Assert.Equal([1, 2, 3, 4], ids);
        Assert.Equal(3, buffer.Duplicates);
        Assert.Equal(0, buffer.Late);
    }

    [Fact]
    public void OutlierBeyondTheRing_IsParkedUntilItsTurn_NotMadeTheNewStart()
    {
        long far = TradeReorderBuffer.Capacity * 3L;
        var (ids, buffer) = Play(Trades((1, 0), (2, 10), (1 + far, 60_000), (3, 20), (4, 2_000), (5, 2_010)));

        Assert.Equal([1, 2, 3, 4, 5, 1 + far], ids); // the outlier comes last, after everything before it in id order
        Assert.Equal(0, buffer.DroppedLate);
        Assert.Equal(1, buffer.Gaps); // the ids between the stream and the outlier never came
    }

    [Fact]
    public void JumpToAFarLaterStretchOfIds_ContinuesThere()
    {
        long far = TradeReorderBuffer.Capacity * 5L;
        var (ids, buffer) = Play(Trades((1, 0), (2, 10), (3, 2_000), (far, 10_000), (far + 1, 10_010), (far + 2, 12_000), (far + 3, 12_010)));

        Assert.Equal([1, 2, 3, far, far + 1, far + 2, far + 3], ids);
        Assert.Equal(0, buffer.DroppedLate);
    }

    [Fact]
    public void SymbolsAreOrderedEachOnTheirOwn()
    {
        Trade[] trades = Trades((1, 0), (2, 10), (11, 0), (3, 20), (10, 0), (12, 30));
        trades[2].Symbol = trades[4].Symbol = trades[5].Symbol = new SymbolId(1);

        var feed = new TradeReorderBuffer(new ScriptedFeed(trades), symbolCount: 2);
        var slot = default(EngineEvent);
        var bySymbol = new List<long>[] { [], [] };
        while (feed.TryReadNext(ref slot))
        {
            bySymbol[slot.Trade.Symbol.Value].Add(slot.Trade.Id);
        }

        Assert.Equal([1, 2, 3], bySymbol[0]);
        Assert.Equal([10, 11, 12], bySymbol[1]);
    }

    [Fact]
    public void SteadyPath_AllocatesNothingPerTrade()
    {
        const int count = 50_000;
        Trade[] trades = new Trade[count];
        for (int i = 0; i < count; i++)
        {
            // Every 100th pair swapped: the held path runs too.
            int id = i % 100 == 10 ? i + 2 : i % 100 == 11 ? i : i + 1;
            trades[i] = Trade(id, i * 10L);
        }

        // A first buffer played to its end compiles every path the measured one takes (its end of input included), so
        // nothing is compiled on this thread inside the measurement.
        var slot = default(EngineEvent);
        var first = new TradeReorderBuffer(new ScriptedFeed(trades), symbolCount: 1);
        while (first.TryReadNext(ref slot))
        {
        }

        // Up to three measurements, the least counts: a GC started by a test on another thread can retire this thread's
        // allocation context mid-measurement and count a few KB it never allocated; a real allocation per trade counts in
        // every one of them.
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least != 0; attempt++)
        {
            var feed = new TradeReorderBuffer(new ScriptedFeed(trades), symbolCount: 1);
            for (int i = 0; i < 10_000; i++)
            {
                Assert.True(feed.TryReadNext(ref slot));
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            int read = 0;
            while (feed.TryReadNext(ref slot))
            {
                read++;
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(count - 10_000, read);
            Assert.Equal(count / 100, feed.Reordered);
        }

        Assert.Equal(0, least);
    }

    private static (List<long> Ids, TradeReorderBuffer Buffer) Play(Trade[] trades, long windowMs = 1_000)
    {
        var buffer = new TradeReorderBuffer(new ScriptedFeed(trades), symbolCount: 1, windowMs);
        var slot = default(EngineEvent);
        var ids = new List<long>();
        while (buffer.TryReadNext(ref slot))
        {
            Assert.Equal(EventKind.Trade, slot.Kind);
            ids.Add(slot.Trade.Id);
        }

        return (ids, buffer);
    }

    private static Trade[] Trades(params (long Id, long OffsetMs)[] trades) => [.. trades.Select(t => Trade(t.Id, t.OffsetMs))];

    private static Trade Trade(long id, long offsetMs) => new()
    {
        Symbol = new SymbolId(0), Id = id, FirstTradeId = id, LastTradeId = id, Price = new Price(100), Quantity = new Quantity(1),
        TradeTimeMs = T0 + offsetMs, EventTimeMs = T0 + offsetMs, Type = TradeType.Market,
    };

    private sealed class ScriptedFeed(Trade[] trades) : IInputFeed
    {
        private int _next;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (_next == trades.Length)
            {
                return false;
            }

            slot.Kind = EventKind.Trade;
            slot.Trade = trades[_next++];
            return true;
        }
    }
}
