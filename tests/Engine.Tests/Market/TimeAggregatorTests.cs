using Engine.Market;
using Engine.Model;

namespace Engine.Tests.Market;

public class TimeAggregatorTests
{
    // 2024-08-08T23:54:00Z: 1723161256322 is 23:54:16.322 (data README), minus 16.322 s.
    private const long T0 = 1_723_161_240_000;
    private static readonly SymbolId Btc = new(1);

    internal static Trade MakeTrade(long timeMs, string price, string qty, bool buyerIsMaker = false, TradeType type = TradeType.Market) => new()
    {
        Symbol = Btc,
        Price = Price.Parse(price),
        Quantity = Quantity.Parse(qty),
        TradeTimeMs = timeMs,
        EventTimeMs = timeMs,
        BuyerIsMaker = buyerIsMaker,
        Type = type,
    };

    [Fact]
    public void Trades_InOneMinute_GiveHandComputedRow()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 1_000, "100.5", "2"), ref sink);
        agg.OnTrade(MakeTrade(T0 + 2_000, "101", "1", buyerIsMaker: true), ref sink);
        agg.OnTrade(MakeTrade(T0 + 59_999, "99.5", "1"), ref sink);
        Assert.Empty(sink.Rows); // the minute is still open

        agg.OnTrade(MakeTrade(T0 + 60_000, "99", "1"), ref sink);

        AggregatedRow row = Assert.Single(sink.Rows);
        Assert.Equal(T0, row.StartMs);
        Assert.Equal(60_000, row.IntervalMs);
        Assert.Equal(3, row.Trades);
        Assert.Equal(Quantity.Parse("4"), row.TotalQty);
        Assert.Equal(Quantity.Parse("3"), row.BuyQty);
        Assert.Equal(Quantity.Parse("1"), row.SellQty);
        Assert.Equal(100.375, row.AvgPrice); // (100.5·2 + 101·1 + 99.5·1) / 4 = 401.5 / 4
        Assert.Equal(Price.Parse("99.5"), row.ClosePrice);
        Assert.Equal(Price.Parse("101"), row.HighPrice);
        Assert.Equal(Price.Parse("99.5"), row.LowPrice);
        Assert.Equal(Quantity.Parse("2"), row.Delta);
        Assert.Equal(0.5, row.Imbalance);
    }

    [Fact]
    public void Gap_EmitsEmptyRows_WithLastCloseCarried()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 5, "100", "1"), ref sink);
        agg.OnTrade(MakeTrade(T0 + 10, "99.5", "1"), ref sink);
        agg.OnTrade(MakeTrade(T0 + 180_005, "102", "4", buyerIsMaker: true), ref sink);
        agg.Flush(ref sink);

        Assert.Equal(4, sink.Rows.Count);
        Assert.Equal([T0, T0 + 60_000, T0 + 120_000, T0 + 180_000], sink.Rows.Select(r => r.StartMs));
        foreach (AggregatedRow empty in sink.Rows.Skip(1).Take(2))
        {
            Assert.Equal(0, empty.Trades);
            Assert.Equal(Quantity.Zero, empty.TotalQty);
            Assert.Equal(Quantity.Zero, empty.BuyQty);
            Assert.Equal(Quantity.Zero, empty.SellQty);
            Assert.Equal(99.5, empty.AvgPrice);
            Assert.Equal(Price.Parse("99.5"), empty.ClosePrice);
            Assert.Equal(Price.Parse("99.5"), empty.HighPrice);
            Assert.Equal(Price.Parse("99.5"), empty.LowPrice);
            Assert.Equal(0.0, empty.Imbalance);
        }

        AggregatedRow last = sink.Rows[3];
        Assert.Equal(1, last.Trades);
        Assert.Equal(Quantity.Parse("4"), last.SellQty);
        Assert.Equal(102.0, last.AvgPrice);
        Assert.Equal(2, agg.EmptyRowsEmitted);
        Assert.Equal(4, agg.RowsEmitted);
    }

    [Fact]
    public void LateTrade_IsCountedAndReported_NotMerged()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 5, "100", "1"), ref sink);
        agg.OnTrade(MakeTrade(T0 + 60_001, "101", "2"), ref sink);

        TradeOutcome outcome = agg.OnTrade(MakeTrade(T0 + 59_000, "500", "7"), ref sink);
        agg.Flush(ref sink);

        Assert.Equal(TradeOutcome.Late, outcome);
        Assert.Equal(1, agg.LateTrades);
        Assert.Equal(Quantity.Parse("7"), agg.LateQuantity);
        Assert.Equal(2, sink.Rows.Count);
        Assert.Equal(Quantity.Parse("1"), sink.Rows[0].TotalQty);
        Assert.Equal(Quantity.Parse("2"), sink.Rows[1].TotalQty);
        Assert.Equal(Price.Parse("101"), sink.Rows[1].HighPrice);
    }

    [Fact]
    public void OutOfOrderTrade_InsideOpenInterval_IsMerged()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 30_000, "100", "1"), ref sink);
        TradeOutcome outcome = agg.OnTrade(MakeTrade(T0 + 10_000, "99", "1"), ref sink);
        agg.Flush(ref sink);

        Assert.Equal(TradeOutcome.Accepted, outcome);
        Assert.Equal(2, Assert.Single(sink.Rows).Trades);
        Assert.Equal(Price.Parse("99"), sink.Rows[0].ClosePrice); // close is the last trade received
    }

    [Theory]
    [InlineData(TradeType.InsuranceFund)]
    [InlineData(TradeType.Adl)]
    public void NonMarketTrade_IsIgnoredAndCounted(TradeType type)
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 1, "100", "1"), ref sink);
        Assert.Equal(TradeOutcome.IgnoredNotMarket, agg.OnTrade(MakeTrade(T0 + 2, "50", "9", type: type), ref sink));
        agg.Flush(ref sink);

        Assert.Equal(1, agg.IgnoredTrades);
        Assert.Equal(Quantity.Parse("1"), sink.Rows[0].TotalQty);
        Assert.Equal(Price.Parse("100"), sink.Rows[0].LowPrice);
    }

    [Theory]
    [InlineData("0", "1", 5)]
    [InlineData("-1", "1", 5)]
    [InlineData("100", "0", 5)]
    [InlineData("100", "-2", 5)]
    [InlineData("100", "1", -5)]
    public void InvalidTrade_IsRejectedAndCounted_WithoutLosingAcceptedOnes(string price, string qty, long offsetFromEpoch)
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 1, "100", "1"), ref sink);
        long time = offsetFromEpoch < 0 ? offsetFromEpoch : T0 + offsetFromEpoch;

        Assert.Equal(TradeOutcome.Invalid, agg.OnTrade(MakeTrade(time, price, qty), ref sink));
        agg.Flush(ref sink);

        Assert.Equal(1, agg.InvalidTrades);
        Assert.Equal(1, Assert.Single(sink.Rows).Trades);
    }

    [Theory]
    [InlineData(long.MinValue, 100_000_000L)]
    [InlineData(100_000_000L, long.MinValue)]
    [InlineData(0L, 0L)]
    [InlineData(1L, 1L)]
    public void RawExtremes_AreRejectedUnlessBothPositive(long priceE8, long qtyE8)
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        Trade trade = MakeTrade(T0 + 1, "1", "1");
        trade.Price = new Price(priceE8);
        trade.Quantity = new Quantity(qtyE8);

        TradeOutcome outcome = agg.OnTrade(trade, ref sink);

        // 10^-8 of a unit at 10^-8 is the smallest positive trade and must be accepted; zero and long.MinValue never.
        bool valid = priceE8 > 0 && qtyE8 > 0;
        Assert.Equal(valid ? TradeOutcome.Accepted : TradeOutcome.Invalid, outcome);
        Assert.Equal(valid ? 0 : 1, agg.InvalidTrades);
    }

    [Fact]
    public void Flush_WithoutTrades_EmitsNothing()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.Flush(ref sink);
        agg.AdvanceTo(T0, ref sink);
        Assert.Empty(sink.Rows);
    }

    [Fact]
    public void Flush_ClosesOpenInterval_LaterTradeInItIsLate()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 1, "100", "1"), ref sink);
        agg.Flush(ref sink);
        agg.Flush(ref sink);

        Assert.Single(sink.Rows);
        Assert.Equal(TradeOutcome.Late, agg.OnTrade(MakeTrade(T0 + 2, "100", "1"), ref sink));
    }

    [Fact]
    public void AdvanceTo_ClosesElapsedIntervals_AndMakesTheirTradesLate()
    {
        var agg = new TimeAggregator(Btc, intervalMs: 1_000);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 100, "100", "1"), ref sink);

        agg.AdvanceTo(T0 + 999, ref sink);
        Assert.Empty(sink.Rows);
        agg.AdvanceTo(T0 + 3_000, ref sink); // closes [T0, T0+1s), and the empty [T0+1s, +2s), [T0+2s, +3s)

        Assert.Equal([T0, T0 + 1_000, T0 + 2_000], sink.Rows.Select(r => r.StartMs));
        Assert.Equal(TradeOutcome.Late, agg.OnTrade(MakeTrade(T0 + 2_999, "100", "1"), ref sink));
        Assert.Equal(TradeOutcome.Accepted, agg.OnTrade(MakeTrade(T0 + 3_000, "101", "1"), ref sink));
        Assert.Equal(T0 + 3_000, agg.OpenIntervalStartMs);
    }

    [Theory]
    [InlineData(1_000, 1_723_161_256_000)]
    [InlineData(7_000, 1_723_161_251_000)] // 1723161256322 / 7000 = 246165893.75… → 246165893 × 7000
    [InlineData(60_000, 1_723_161_240_000)]
    [InlineData(3_600_000, 1_723_158_000_000)] // 23:00:00Z
    public void IntervalStart_IsAlignedToEpochMultiples(long intervalMs, long expectedStart)
    {
        var agg = new TimeAggregator(Btc, intervalMs);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(1_723_161_256_322, "100", "1"), ref sink);
        agg.Flush(ref sink);
        Assert.Equal(expectedStart, sink.Rows[0].StartMs);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(1_500)]
    [InlineData(3_601_000)]
    [InlineData(0)]
    public void Interval_OutsideWholeSecondsOneSecondToOneHour_IsRefused(long intervalMs) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeAggregator(Btc, intervalMs));

    [Fact]
    public void Reset_ForgetsOpenIntervalCarriedCloseAndCounters()
    {
        var agg = new TimeAggregator(Btc);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0 + 60_000, "100", "1"), ref sink);
        agg.OnTrade(MakeTrade(T0, "100", "1"), ref sink); // late
        agg.Reset();

        Assert.Equal(TradeOutcome.Accepted, agg.OnTrade(MakeTrade(T0, "90", "2"), ref sink)); // no longer late
        agg.Flush(ref sink);

        Assert.Equal(0, agg.LateTrades);
        AggregatedRow row = Assert.Single(sink.Rows);
        Assert.Equal(Quantity.Parse("2"), row.TotalQty);
        Assert.Equal(Price.Parse("90"), row.HighPrice);
    }

    [Fact]
    public void TimeJump_BeyondLimit_SkipsFillerRows_AndCountsThem()
    {
        var agg = new TimeAggregator(Btc, intervalMs: 1_000, maxEmptyIntervals: 10);
        var sink = new RowList();
        agg.OnTrade(MakeTrade(T0, "100", "1"), ref sink);
        agg.OnTrade(MakeTrade(T0 + 5_000, "100", "1"), ref sink); // 4 empty seconds: within the limit
        agg.OnTrade(MakeTrade(T0 + 1_000_000, "100", "1"), ref sink); // 994 empty seconds: too many
        agg.Flush(ref sink);

        Assert.Equal(1 + 4 + 1 + 1, sink.Rows.Count);
        Assert.Equal(1, agg.TimeJumps);
        Assert.Equal(994, agg.SkippedEmptyIntervals);
    }
}
