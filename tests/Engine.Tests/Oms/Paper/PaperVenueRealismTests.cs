using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;

namespace Engine.Tests.Oms.Paper;

/// <summary>
/// Defect 11 of issue 12: paper fills no better than Binance would give, and Binance's margin, max-quantity and
/// PERCENT_PRICE checks. Each expected price is the one Binance's matching gives: a resting limit fills at its limit
/// (maker); an incoming marketable limit takes the book at the trade price (taker); a triggered stop is a market
/// order, filled at the prints after the trigger, never at a stop price the market already left.
/// </summary>
public class PaperVenueRealismTests
{
    private static readonly SymbolId Btc = new(0);
    private long _nextId;

    private static PaperVenue Venue(PaperVenueOptions? options = null, VenueFilters? filters = null) =>
        new(options ?? new PaperVenueOptions(), [filters ?? PaperScript.BtcFilters]);

    private static Trade T(long timeMs, string price, string qty = "1") => new()
    {
        Symbol = Btc, Price = Price.Parse(price), Quantity = Quantity.Parse(qty), TradeTimeMs = timeMs, Type = TradeType.Market,
    };

    private OrderRequest Submit(Side side, OrderType type, string qty, string price = "0", string stop = "0", bool reduceOnly = false, long timeMs = 0) =>
        new(OrderCommand.Submit, new ClientOrderId(++_nextId), OrderId.None, Btc, side, type, type == OrderType.Limit ? TimeInForce.Gtc : TimeInForce.None,
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

    private static List<VenueReport> Fills(PaperVenue v) => Drain(v).Where(r => r.IsFill).ToList();

    // A long of 1 BTC opened at 60,000, for the exit tests.
    private PaperVenue WithLongOfOne(PaperVenueOptions? options = null)
    {
        PaperVenue v = Venue(options);
        v.OnTrade(T(1000, "60000", "5"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "1", timeMs: 1000));
        v.OnTrade(T(2000, "60000", "5"));
        Drain(v);
        Assert.Equal(Quantity.Parse("1"), v.PositionOf(Btc));
        return v;
    }

    [Fact]
    public void SellStop_MarketGappedThroughIt_FillsAtThePrintNotTheStop()
    {
        PaperVenue v = WithLongOfOne();
        v.Submit(Submit(Side.Sell, OrderType.StopMarket, "1", stop: "59500", reduceOnly: true, timeMs: 2000));
        v.OnTrade(T(3000, "59900", "5"));
        v.OnTrade(T(4000, "59000", "5")); // gapped 500 through the stop
        VenueReport fill = Assert.Single(Fills(v));
        Assert.Equal(Price.Parse("59000"), fill.LastPrice);
    }

    [Fact]
    public void SellStop_RowGappedBelowIt_FillsAtTheRowsHighNotTheStop()
    {
        // Bar model: the whole row traded below the stop (high 59,200 < stop 59,500); the best price the row offers
        // a seller is its high, never the stop the market never printed.
        PaperVenue v = Venue();
        v.OnRow(Row(0, 60000, "59900", "60100", "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "1", timeMs: 60_000));
        v.OnRow(Row(60_000, 60000, "59900", "60100", "60000"));
        Drain(v);
        v.Submit(Submit(Side.Sell, OrderType.StopMarket, "1", stop: "59500", reduceOnly: true, timeMs: 120_000));
        v.OnRow(Row(120_000, 59000, "58800", "59200", "59000"));
        VenueReport fill = Assert.Single(Fills(v));
        Assert.Equal(Price.Parse("59200"), fill.LastPrice);
    }

    [Fact]
    public void SellStop_RowCrossingIt_FillsAtTheStop()
    {
        PaperVenue v = Venue();
        v.OnRow(Row(0, 60000, "59900", "60100", "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "1", timeMs: 60_000));
        v.OnRow(Row(60_000, 60000, "59900", "60100", "60000"));
        Drain(v);
        v.Submit(Submit(Side.Sell, OrderType.StopMarket, "1", stop: "59500", reduceOnly: true, timeMs: 120_000));
        v.OnRow(Row(120_000, 59600, "59400", "59800", "59450"));
        Assert.Equal(Price.Parse("59500"), Assert.Single(Fills(v)).LastPrice);
    }

    [Fact]
    public void MarketableLimit_FillsAtTheTradePrice_AsTaker()
    {
        // A buy limit at 60,100 arriving when the market trades at 60,000 takes the book: Binance fills it at the
        // resting (trade) price 60,000, as taker, not at its own limit.
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000", "5"));
        v.Submit(Submit(Side.Buy, OrderType.Limit, "1", price: "60100", timeMs: 1000));
        v.OnTrade(T(2000, "60000", "5"));
        VenueReport fill = Assert.Single(Fills(v));
        Assert.Equal((Price.Parse("60000"), false), (fill.LastPrice, fill.IsMaker));
    }

    [Fact]
    public void RestingLimit_FillsAtItsLimit_AsMaker()
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000", "5"));
        v.Submit(Submit(Side.Buy, OrderType.Limit, "1", price: "59900", timeMs: 1000));
        v.OnTrade(T(2000, "59800", "5")); // the market came down through the resting bid
        VenueReport fill = Assert.Single(Fills(v));
        Assert.Equal((Price.Parse("59900"), true), (fill.LastPrice, fill.IsMaker));
    }

    [Fact]
    public void MarketOrder_LargerThanThePrint_WalksTheFollowingPrints()
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000", "1"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "1", timeMs: 1000));
        v.OnTrade(T(2000, "60000", "0.4"));
        v.OnTrade(T(3000, "60010", "0.5"));
        v.OnTrade(T(4000, "60030", "2"));
        List<VenueReport> fills = Fills(v);
        Assert.Equal(
            [(Quantity.Parse("0.4"), Price.Parse("60000")), (Quantity.Parse("0.5"), Price.Parse("60010")), (Quantity.Parse("0.1"), Price.Parse("60030"))],
            fills.Select(f => (f.LastQuantity, f.LastPrice)).ToList());
        Assert.Equal(VenueReportKind.Filled, fills[^1].Kind);
        Assert.Equal(Quantity.Parse("1"), v.PositionOf(Btc));
    }

    [Fact]
    public void TwoMarketOrders_ShareOnePrintsQuantity_NeverTakeItTwice()
    {
        PaperVenue v = Venue();
        v.OnTrade(T(1000, "60000", "1"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.3", timeMs: 1000));
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.3", timeMs: 1000));
        v.OnTrade(T(2000, "60000", "0.4")); // one print of 0.4: 0.3 to the first order, the 0.1 left to the second
        List<VenueReport> atFirstPrint = Fills(v);
        Assert.Equal(Quantity.Parse("0.4"), new Quantity(atFirstPrint.Sum(f => f.LastQuantity.E8)));

        v.OnTrade(T(3000, "60010", "1"));
        List<VenueReport> atSecondPrint = Fills(v);
        Assert.Equal([(Quantity.Parse("0.2"), Price.Parse("60010"))], atSecondPrint.Select(f => (f.LastQuantity, f.LastPrice)).ToList());
        Assert.Equal(Quantity.Parse("0.6"), v.PositionOf(Btc));
    }

    [Fact]
    public void CancelRefusedByAFullInboundQueue_IsACancelReject_AndTheOrderStillRests()
    {
        PaperVenue v = Venue(new PaperVenueOptions { RequestQueueCapacity = 2, LatencyMs = 10 });
        v.OnTrade(T(1000, "60000"));
        OrderRequest bid = Submit(Side.Buy, OrderType.Limit, "0.01", price: "59000", timeMs: 1000);
        v.Submit(bid);
        v.OnTrade(T(1010, "60000"));
        Drain(v);
        v.Submit(Submit(Side.Buy, OrderType.Limit, "0.01", price: "58000", timeMs: 1010));
        v.Submit(Submit(Side.Buy, OrderType.Limit, "0.01", price: "58000", timeMs: 1010)); // the queue is full now
        v.Submit(new OrderRequest(OrderCommand.Cancel, bid.ClientId, OrderId.None, Btc, Side.Buy, OrderType.Limit, TimeInForce.Gtc,
            bid.Price, Price.Zero, bid.Quantity, false, 1010));
        VenueReport r = Assert.Single(Drain(v));
        Assert.Equal(bid.ClientId, r.ClientId);
        Assert.Equal(VenueReportKind.CancelRejected, r.Kind); // not Rejected: that would end an order that still rests
        v.OnTrade(T(2000, "58900", "1"));
        Assert.Contains(Drain(v), f => f.IsFill && f.ClientId == bid.ClientId);
    }

    [Fact]
    public void Order_AboveTheMaxQuantity_IsRejectedWithMinus4005()
    {
        VenueFilters filters = PaperScript.BtcFilters with { MaxQuantity = Quantity.Parse("1"), MarketMaxQuantity = Quantity.Parse("0.5") };
        PaperVenue v = Venue(filters: filters);
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(Side.Buy, OrderType.Limit, "1.001", price: "59000", timeMs: 1000)); // LOT_SIZE maxQty 1
        v.Submit(Submit(Side.Buy, OrderType.Limit, "1", price: "59000", timeMs: 1000));     // at the max: accepted
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.6", timeMs: 1000));                  // MARKET_LOT_SIZE maxQty 0.5
        v.OnTrade(T(2000, "60000"));
        List<VenueReport> r = Drain(v);
        Assert.Equal((VenueReportKind.Rejected, BinanceErrorCode.QuantityGreaterThanMax), (r[0].Kind, r[0].ErrorCode));
        Assert.Equal(VenueReportKind.Accepted, r[1].Kind);
        Assert.Equal((VenueReportKind.Rejected, BinanceErrorCode.QuantityGreaterThanMax), (r[2].Kind, r[2].ErrorCode));
    }

    [Theory]
    [InlineData(Side.Buy, "63000", BinanceErrorCode.None)]          // 60,000 × 1.05 = 63,000: at the bound, accepted
    [InlineData(Side.Buy, "63000.1", BinanceErrorCode.PriceAbovePercentPrice)]
    [InlineData(Side.Sell, "57000", BinanceErrorCode.None)]         // 60,000 × 0.95
    [InlineData(Side.Sell, "56999.9", BinanceErrorCode.PriceBelowPercentPrice)]
    public void Limit_OutsidePercentPriceOfTheMark_IsRejected(Side side, string price, BinanceErrorCode expected)
    {
        VenueFilters filters = PaperScript.BtcFilters with { MultiplierUpE8 = 105_000_000, MultiplierDownE8 = 95_000_000 };
        PaperVenue v = Venue(filters: filters);
        v.OnTrade(T(1000, "60000"));
        v.Submit(Submit(side, OrderType.Limit, "0.01", price: price, timeMs: 1000));
        v.OnTrade(T(2000, "60000"));
        VenueReport r = Drain(v)[0];
        Assert.Equal(expected, r.ErrorCode);
        Assert.Equal(expected == BinanceErrorCode.None ? VenueReportKind.Accepted : VenueReportKind.Rejected, r.Kind);
    }

    [Fact]
    public void Order_WhoseInitialMarginExceedsTheBalance_IsRejectedWithMinus2019()
    {
        // balance 1,000 at leverage 10 carries 10,000 of notional: 0.16 BTC at 60,000 (9,600) fits, 0.17 (10,200) does not.
        var options = new PaperVenueOptions { WalletBalance = 1_000m, Leverage = 10 };
        PaperVenue v = Venue(options);
        v.OnTrade(T(1000, "60000", "5"));
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.17", timeMs: 1000));
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.16", timeMs: 1000));
        v.OnTrade(T(2000, "60000", "5"));
        List<VenueReport> r = Drain(v);
        Assert.Equal((VenueReportKind.Rejected, BinanceErrorCode.MarginNotSufficient), (r[0].Kind, r[0].ErrorCode));
        Assert.Equal(VenueReportKind.Accepted, r[1].Kind);

        // With 0.16 open, another 0.01 (total 10,200) no longer fits; a reduce-only exit always does.
        v.Submit(Submit(Side.Buy, OrderType.Market, "0.01", timeMs: 2000));
        v.Submit(Submit(Side.Sell, OrderType.Market, "0.16", reduceOnly: true, timeMs: 2000));
        v.OnTrade(T(3000, "60000", "5"));
        r = Drain(v);
        Assert.Equal((VenueReportKind.Rejected, BinanceErrorCode.MarginNotSufficient), (r[0].Kind, r[0].ErrorCode));
        Assert.Equal(VenueReportKind.Accepted, r[1].Kind);
    }

    private static AggregatedRow Row(long startMs, double avg, string low, string high, string close) => new()
    {
        Symbol = Btc,
        StartMs = startMs,
        IntervalMs = 60_000,
        Trades = 100,
        TotalQty = Quantity.Parse("10"),
        BuyQty = Quantity.Parse("5"),
        SellQty = Quantity.Parse("5"),
        AvgPrice = avg,
        LowPrice = Price.Parse(low),
        HighPrice = Price.Parse(high),
        ClosePrice = Price.Parse(close),
        HasHighLow = true,
        HasClose = true,
    };
}
