using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;

namespace Engine.Tests.Oms.Paper;

public class PaperVenueTests
{
    private static readonly SymbolId Btc = new(0);
    private long _nextId;

    private static PaperVenue Venue(long latencyMs = 0, long slippageTicks = 0) =>
        new(new PaperVenueOptions { LatencyMs = latencyMs, SlippageTicks = slippageTicks }, [PaperScript.BtcFilters]);

    private static Trade T(long timeMs, string price, string qty = "1") => new()
    {
        Symbol = Btc, Price = Price.Parse(price), Quantity = Quantity.Parse(qty), TradeTimeMs = timeMs, Type = TradeType.Market,
    };

    private OrderRequest Submit(Side side, OrderType type, string qty, string price = "0", string stop = "0", bool reduceOnly = false, TimeInForce tif = TimeInForce.Gtc, long timeMs = 0) =>
        new(OrderCommand.Submit, new ClientOrderId(++_nextId), OrderId.None, Btc, side, type, type == OrderType.Limit ? tif : TimeInForce.None,
            Price.Parse(price), Price.Parse(stop), Quantity.Parse(qty), reduceOnly, timeMs);

    private static List<VenueReport> Drain(PaperVenue v)
    {
        var list = new List<VenueReport>();
        while (v.TryTakeReport(out VenueReport r))
        {
            list.Add(r);
        }

        return list;
    }

    public static TheoryData<string, string, string, bool, TimeInForce, BinanceErrorCode> Rejections() => new()
    {
        // type, qty, price, reduce-only, tif → Binance code (last trade 60000, tick 0.1, lot 0.001, min notional 100)
        { "Limit", "0.01", "60000.05", false, TimeInForce.Gtc, BinanceErrorCode.PriceNotIncreasedByTickSize },
        { "Limit", "0.0105", "59000", false, TimeInForce.Gtc, BinanceErrorCode.BadPrecision },
        { "Limit", "0", "59000", false, TimeInForce.Gtc, BinanceErrorCode.QuantityNotPositive },
        { "Limit", "0.001", "59000", false, TimeInForce.Gtc, BinanceErrorCode.MinNotional },
        { "Market", "0.001", "0", false, TimeInForce.Gtc, BinanceErrorCode.MinNotional },
        { "Limit", "0.01", "60000", false, TimeInForce.Gtx, BinanceErrorCode.PostOnlyWouldTake },
        { "Limit", "0.01", "59000", true, TimeInForce.Gtc, BinanceErrorCode.ReduceOnlyRejected }, // flat: a reduce-only buy would open
        { "StopMarket", "0.01", "0", false, TimeInForce.Gtc, BinanceErrorCode.PriceNotIncreasedByTickSize }, // no stop price
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Submit_BreakingABinanceRule_IsRejectedWithItsCode(string type, string qty, string price, bool reduceOnly, TimeInForce tif, BinanceErrorCode code)
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Buy, Enum.Parse<OrderType>(type), qty, price, reduceOnly: reduceOnly, tif: tif, timeMs: 1000));
        v.OnTrade(T(2000, "60000"));
        VenueReport r = Assert.Single(Drain(v));
        Assert.Equal((VenueReportKind.Rejected, code), (r.Kind, r.ErrorCode));
        Assert.Equal(1, v.Rejected);
    }

    [Fact]
    public void HasReports_IsTrueExactlyWhileAReportWaits()
    {
        PaperVenue v = Venue(latencyMs: 100);
        v.OnTrade(T(1000, "60000"));
        Assert.False(v.HasReports);
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.01", timeMs: 1000));
        v.OnTrade(T(1050, "60000")); // not arrived yet
        Assert.False(v.HasReports);
        v.OnTrade(T(1100, "60000")); // accepted and filled
        Assert.True(v.HasReports);
        Assert.True(v.TryTakeReport(out _));
        Assert.True(v.HasReports);
        Assert.True(v.TryTakeReport(out _));
        Assert.False(v.HasReports);
        Assert.False(v.TryTakeReport(out _));
    }

    [Fact]
    public void StepFilter_QuantityOffTheStep_IsRejectedWithMinus4023()
    {
        var filters = new VenueFilters(Price.Parse("0.1"), Quantity.Parse("0.005"), Quantity.Parse("0.005"), Money.Zero);
        var v = new PaperVenue(new PaperVenueOptions(), [filters]);
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.007"));
        v.OnTrade(T(0, "100"));
        Assert.Equal(BinanceErrorCode.QuantityNotIncreasedByStepSize, Assert.Single(Drain(v)).ErrorCode);
    }

    [Fact]
    public void MarketOrder_FillsAtTheFirstTradeAfterTheLatency_PlusSlippage()
    {
        PaperVenue v = Venue(latencyMs: 100, slippageTicks: 2);
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Sell, OrderType.Market, "0.01", timeMs: 1000));
        v.OnTrade(T(1050, "60001")); // the order has not arrived yet
        Assert.Empty(Drain(v));
        v.OnTrade(T(1100, "60002")); // arrives at 1100: fills on this trade, 2 ticks worse
        List<VenueReport> reports = Drain(v);
        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Filled], reports.Select(r => r.Kind));
        Assert.Equal(1100, reports[0].EventTimeMs);
        Assert.Equal((Price.Parse("60001.8"), Quantity.Parse("0.01"), false), (reports[1].LastPrice, reports[1].LastQuantity, reports[1].IsMaker));
        Assert.Equal(Money.FromDecimal(0.300009m), reports[1].Fee); // 600.018 × 0.0005
        Assert.Equal(Quantity.Parse("-0.01"), v.PositionOf(Btc));
    }

    [Fact]
    public void LimitOrder_FillsPartlyWhenTradesAreSmaller_AsMaker()
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Limit, "0.010", "59990", timeMs: 1000));
        v.OnTrade(T(2000, "59995", "0.5")); // above the limit: nothing
        v.OnTrade(T(3000, "59990", "0.004")); // at the limit: 0.004 of 0.010
        v.OnTrade(T(4000, "59980", "0.5"));   // through it: the remaining 0.006
        List<VenueReport> fills = Drain(v).Where(r => r.IsFill).ToList();
        Assert.Equal(2, fills.Count);
        Assert.Equal((VenueReportKind.PartiallyFilled, Quantity.Parse("0.004"), Quantity.Parse("0.004")), (fills[0].Kind, fills[0].LastQuantity, fills[0].CumulativeQuantity));
        Assert.Equal((VenueReportKind.Filled, Quantity.Parse("0.006"), Quantity.Parse("0.010")), (fills[1].Kind, fills[1].LastQuantity, fills[1].CumulativeQuantity));
        Assert.All(fills, f => Assert.Equal((Price.Parse("59990"), true), (f.LastPrice, f.IsMaker)));
        Assert.Equal(Money.FromDecimal(0.0719880m), fills[1].Fee); // 359.94 × 0.0002
    }

    [Fact]
    public void MarketableLimit_FillsAsTaker()
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Limit, "0.01", "60010", timeMs: 1000));
        v.OnTrade(T(2000, "60005"));
        VenueReport fill = Drain(v).Single(r => r.IsFill);
        Assert.False(fill.IsMaker);
        Assert.Equal(Price.Parse("60005"), fill.LastPrice); // the trade price, not its limit: an incoming marketable limit takes the book
    }

    [Fact]
    public void StopMarket_TriggersOnATradeAtOrThroughTheStop()
    {
        PaperVenue v = Venue(slippageTicks: 1);
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.01", timeMs: 1000));
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Sell, OrderType.StopMarket, "0.01", stop: "59900", reduceOnly: true, timeMs: 1000));
        v.OnTrade(T(2000, "59900.1"));
        Assert.DoesNotContain(Drain(v), r => r.IsFill && r.Side == Side.Sell);
        v.OnTrade(T(3000, "59899"));
        VenueReport fill = Drain(v).Single(r => r.IsFill);
        Assert.Equal((Price.Parse("59898.9"), Quantity.Parse("0.01")), (fill.LastPrice, fill.LastQuantity));
        Assert.Equal(Quantity.Zero, v.PositionOf(Btc));
    }

    [Fact]
    public void ReduceOnly_NeverGrowsThePosition_TheRestExpires()
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.004", timeMs: 1000));
        v.Submit(Submit(Side.Sell, OrderType.Limit, "0.003", "60100", reduceOnly: true, timeMs: 1000));
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Sell, OrderType.Limit, "0.003", "60100", reduceOnly: true, timeMs: 1000));
        v.OnTrade(T(2000, "60100"));
        List<VenueReport> reports = Drain(v);
        // the first reduce-only sell arrived while flat: -2022; of the second, 0.003 fills; none goes short
        Assert.Contains(reports, r => r.Kind == VenueReportKind.Rejected && r.ErrorCode == BinanceErrorCode.ReduceOnlyRejected);
        v.Submit(Submit(Side.Sell, OrderType.Market, "0.005", reduceOnly: true, timeMs: 2000));
        v.OnTrade(T(3000, "60050"));
        reports = Drain(v);
        VenueReport fill = reports.Single(r => r.IsFill);
        Assert.Equal(Quantity.Parse("0.001"), fill.LastQuantity);
        Assert.Contains(reports, r => r.Kind == VenueReportKind.Expired);
        Assert.Equal(Quantity.Zero, v.PositionOf(Btc));
    }

    [Fact]
    public void CancelOfAnUnknownOrder_IsRejectedWithMinus2011()
    {
        PaperVenue v = Venue();
        v.Submit(OrderRequest.CancelOf(new ClientOrderId(99), OrderId.None, Btc, OrderType.Limit, 0));
        v.OnTrade(T(0, "60000"));
        VenueReport r = Assert.Single(Drain(v));
        Assert.Equal((VenueReportKind.CancelRejected, BinanceErrorCode.CancelRejected), (r.Kind, r.ErrorCode));
    }

    [Fact]
    public void Cancel_RemovesARestingOrder()
    {
        PaperVenue v = Venue(latencyMs: 10);
        OrderRequest limit = Submit(Side.Buy, OrderType.Limit, "0.01", "59000", timeMs: 0);
        v.Submit(limit);
        v.Submit(OrderRequest.CancelOf(limit.ClientId, OrderId.None, Btc, OrderType.Limit, 5));
        v.OnTrade(T(20, "58000"));
        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Canceled], Drain(v).Select(r => r.Kind));
        Assert.Equal(0, v.RestingOrders);
    }

    [Fact]
    public void Reports_AreInEventTimeOrder()
    {
        PaperVenue v = Venue(latencyMs: 7);
        var rng = new Random(3);
        var times = new List<long>();
        long t = 0;
        for (int i = 0; i < 2000; i++)
        {
            t += rng.Next(0, 5);
            if (rng.Next(4) == 0)
            {
                v.Submit(Submit(rng.Next(2) == 0 ? Side.Buy : Side.Sell, OrderType.Limit, "0.01", (60000 + rng.Next(-20, 20)).ToString(), timeMs: t));
            }

            v.OnTrade(T(t, (60000 + rng.Next(-30, 30)).ToString(), "0.003"));
            times.AddRange(Drain(v).Select(r => r.EventTimeMs));
        }

        Assert.True(times.Count > 100);
        Assert.Equal(times.Order(), times);
    }
}
