using Engine.Binance.Archives;
using Engine.Binance.Recorded;
using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Sequencing;

public class SequenceGapDetectorTests
{
    private static readonly SymbolId Btc = new(0);
    private static readonly SymbolId Eth = new(1);

    [Fact]
    public void Ids_PerSymbol_ClassifiedAndGapsReportedWithTheirRange()
    {
        var detector = new SequenceGapDetector(symbolCapacity: 2);

        Assert.Equal(SequenceCheck.First, detector.Check(Btc, 100));
        Assert.Equal(SequenceCheck.First, detector.Check(Eth, 7));
        Assert.Equal(SequenceCheck.InOrder, detector.Check(Btc, 101));
        Assert.Equal(SequenceCheck.Gap, detector.Check(Btc, 105));
        Assert.Equal(SequenceCheck.InOrder, detector.Check(Eth, 8));
        Assert.Equal(SequenceCheck.Duplicate, detector.Check(Btc, 105));
        Assert.Equal(SequenceCheck.OutOfOrder, detector.Check(Btc, 103));
        Assert.Equal(SequenceCheck.InOrder, detector.Check(Btc, 106));
        Assert.Equal(SequenceCheck.Gap, detector.Check(Eth, 10));

        Assert.Equal(2, detector.Gaps);
        Assert.Equal(3 + 1, detector.MissingIds);
        Assert.Equal(1, detector.Duplicates);
        Assert.Equal(1, detector.OutOfOrder);
        Assert.True(detector.TryTakeGap(out SequenceGap first));
        Assert.Equal(new SequenceGap(Btc, 102, 104), first);
        Assert.True(detector.TryTakeGap(out SequenceGap second));
        Assert.Equal(new SequenceGap(Eth, 9, 9), second);
        Assert.False(detector.TryTakeGap(out _));
    }

    [Fact]
    public void FullQueue_CountsDroppedReportsAndKeepsTheOldest()
    {
        var detector = new SequenceGapDetector(symbolCapacity: 1, gapCapacity: 2);
        detector.Check(Btc, 1);
        detector.Check(Btc, 3);
        detector.Check(Btc, 5);
        detector.Check(Btc, 7);

        Assert.Equal(3, detector.Gaps);
        Assert.Equal(1, detector.DroppedGapReports);
        Assert.True(detector.TryTakeGap(out SequenceGap gap));
        Assert.Equal(new SequenceGap(Btc, 2, 2), gap);
    }

    [Fact]
    public void RealAggTrades_HaveNoGaps_AndRemovedRowsShowAsExactRanges()
    {
        // README §1: every aggTrades file has 0 id gaps per symbol. Dropping rows must surface exactly those ids.
        SymbolRegistry registry = RealData.Registry();
        var intact = new SequenceGapDetector(registry.Count);
        var thinned = new SequenceGapDetector(registry.Count);
        var dropped = new List<(int, long)>();
        var kept = new List<(int Symbol, long Id)>();
        int n = 0;
        using TradeCsvReader reader = TradeCsvReader.Open(
            RealData.Path("aggtrades/spot/aggTrades-ws-20210404T2003Z-20210404T2004Z-BTC_DOT_ETH.csv.gz"), registry);
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            intact.Check(slot.Trade);
            if (++n % 97 == 0)
            {
                dropped.Add((slot.Trade.Symbol.Value, slot.Trade.Id));
                continue;
            }

            thinned.Check(slot.Trade);
            kept.Add((slot.Trade.Symbol.Value, slot.Trade.Id));
        }

        Assert.Equal(0, intact.Gaps + intact.Duplicates + intact.OutOfOrder);
        var reported = new List<(int, long)>();
        while (thinned.TryTakeGap(out SequenceGap gap))
        {
            for (long id = gap.FromId; id <= gap.ToId; id++)
            {
                reported.Add((gap.Symbol.Value, id));
            }
        }

        // A dropped id shows as a gap only when a later id of its symbol arrived after it.
        var expected = dropped.Where(d => kept.Any(k => k.Symbol == d.Item1 && k.Id > d.Item2)).OrderBy(d => d).ToList();
        Assert.True(expected.Count > 10);
        Assert.Equal(expected, reported.OrderBy(r => r).ToList());
    }

    [Fact]
    public void CapturesJoinedAcrossMidnight_HaveNoGaps()
    {
        // README §1-2: btcusdt_20240718 + _20240719 join with no gap: 974 + 9,727 trades, ids 5182005737…5182016437.
        SymbolRegistry registry = RealData.Registry();
        var detector = new SequenceGapDetector(registry.Count);
        long count = 0;
        long first = 0;
        long last = 0;
        foreach (string file in new[] { "ws/hftbacktest/usdm/btcusdt_20240718.gz", "ws/hftbacktest/usdm/btcusdt_20240719.gz" })
        {
            using RecordedFrameReader reader = RecordedFrameReader.Open(RealData.Path(file), registry);
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                if (detector.Check(slot.Trade) == SequenceCheck.First)
                {
                    first = slot.Trade.Id;
                }

                last = slot.Trade.Id;
                count++;
            }
        }

        Assert.Equal(974 + 9_727, count);
        Assert.Equal(5182005737, first);
        Assert.Equal(5182016437, last);
        Assert.Equal(0, detector.Gaps + detector.Duplicates + detector.OutOfOrder);
    }

    [Fact]
    public void Check_WarmPath_AllocatesNothing()
    {
        var detector = new SequenceGapDetector(symbolCapacity: 2, gapCapacity: 4);
        long id = 0;
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                detector.Check(Btc, id += (i % 100 == 0) ? 3 : 1);
                detector.TryTakeGap(out _);
            }
        });
        Assert.True(detector.Gaps > 0);
    }
}
