using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;

namespace Engine.Tests.Oms.Paper;

public class PaperVenueBarsTests
{
    private static readonly SymbolId Btc = new(0);

    private static AggregatedRow Row(long startMs, double avg, string low, string high, string close, string totalQty = "10") => new()
    {
        Symbol = Btc,
        StartMs = startMs,
        IntervalMs = 60_000,
        Trades = 100,
        TotalQty = Quantity.Parse(totalQty),
        AvgPrice = avg,
        LowPrice = Price.Parse(low),
        HighPrice = Price.Parse(high),
        ClosePrice = Price.Parse(close),
        HasHighLow = true,
        HasClose = true,
    };

    private static OrderRequest Submit(long id, Side side, OrderType type, string qty, string price, string stop, bool reduceOnly, long timeMs) =>
        new(OrderCommand.Submit, new ClientOrderId(id), OrderId.None, Btc, side, type, type == OrderType.Limit ? TimeInForce.Gtc : TimeInForce.None,
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

    [Fact]
    public void MarketOrder_FillsAtTheNextRowsAvgPriceOnTheTick()
    {
        var v = new PaperVenue(new PaperVenueOptions { SlippageTicks = 1 }, [PaperScript.BtcFilters]);
        v.OnRow(Row(0, 60000.0, "59990", "60010", "60000"));
        v.Submit(Submit(1, Side.Buy, OrderType.Market, "0.01", "0", "0", false, 60_000)); // decided at the first row's close
        v.OnRow(Row(60_000, 60123.4567, "60100", "60150", "60140"));
        VenueReport fill = Drain(v).Single(r => r.IsFill);
        Assert.Equal(Price.Parse("60123.6"), fill.LastPrice); // AvgPrice on the 0.1 grid (60123.5) + 1 tick
        Assert.Equal(120_000, fill.EventTimeMs);
        Assert.Equal(PaperFillModel.Bars, v.FillModel);
    }

    [Fact]
    public void RowCrossingStopAndTarget_FillsTheStopFirst()
    {
        var v = new PaperVenue(new PaperVenueOptions(), [PaperScript.BtcFilters]);
        v.OnRow(Row(0, 60000.0, "59990", "60010", "60000"));
        v.Submit(Submit(1, Side.Buy, OrderType.Market, "0.01", "0", "0", false, 60_000));
        v.OnRow(Row(60_000, 60000.0, "59990", "60010", "60000")); // long 0.01 at 60000
        v.Submit(Submit(2, Side.Sell, OrderType.Limit, "0.01", "60100", "0", true, 120_000));       // target
        v.Submit(Submit(3, Side.Sell, OrderType.StopMarket, "0.01", "0", "59900", true, 120_000));  // stop
        Drain(v);

        v.OnRow(Row(120_000, 60000.0, "59850", "60150", "60000")); // one row crosses both
        List<VenueReport> reports = Drain(v);
        VenueReport fill = reports.Single(r => r.IsFill);
        Assert.Equal((new ClientOrderId(3), Price.Parse("59900")), (fill.ClientId, fill.LastPrice));
        Assert.Contains(reports, r => r.ClientId == new ClientOrderId(2) && r.Kind == VenueReportKind.Expired);
        Assert.Equal(Quantity.Zero, v.PositionOf(Btc));
    }

    [Fact]
    public void Limit_FillsWhenTheRowsLowReachesIt_AtMostTheRowsVolume()
    {
        var v = new PaperVenue(new PaperVenueOptions(), [PaperScript.BtcFilters]);
        v.OnRow(Row(0, 60000.0, "59990", "60010", "60000"));
        v.Submit(Submit(1, Side.Buy, OrderType.Limit, "0.5", "59950", "0", false, 60_000));
        v.OnRow(Row(60_000, 60000.0, "59951", "60010", "60000"));
        Assert.DoesNotContain(Drain(v), r => r.IsFill);
        v.OnRow(Row(120_000, 59960.0, "59950", "60010", "59970", "0.2"));
        VenueReport fill = Drain(v).Single(r => r.IsFill);
        Assert.Equal((VenueReportKind.PartiallyFilled, Quantity.Parse("0.2"), Price.Parse("59950"), true), (fill.Kind, fill.LastQuantity, fill.LastPrice, fill.IsMaker));
    }

    [Fact]
    public void TradesAfterRows_AreCountedAndIgnored()
    {
        var v = new PaperVenue(new PaperVenueOptions(), [PaperScript.BtcFilters]);
        v.OnRow(Row(0, 60000.0, "59990", "60010", "60000"));
        v.OnTrade(new Trade { Symbol = Btc, Price = Price.Parse("1"), Quantity = Quantity.Parse("1"), TradeTimeMs = 1 });
        Assert.Equal((PaperFillModel.Bars, 1L), (v.FillModel, v.MixedInputs));
    }
}
