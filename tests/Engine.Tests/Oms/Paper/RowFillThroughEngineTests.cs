using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;

namespace Engine.Tests.Oms.Paper;

/// <summary>aggregated.csv rows through the real engine: the paper venue fills against them (bar fill model), the OMS marks.</summary>
public class RowFillThroughEngineTests
{
    private static readonly SymbolId Btc = new(0);

    private static AggregatedRow Row(long startMs, double avg, string low, string high, string close) => new()
    {
        Symbol = Btc,
        StartMs = startMs,
        IntervalMs = 60_000,
        Trades = 50,
        TotalQty = Quantity.Parse("5"),
        AvgPrice = avg,
        LowPrice = Price.Parse(low),
        HighPrice = Price.Parse(high),
        ClosePrice = Price.Parse(close),
        HasHighLow = true,
        HasClose = true,
    };

    [Fact]
    public void RowInput_EntryAtNextAvgPrice_ThenARowCrossingStopAndTarget_ClosesAtTheStop()
    {
        var loop = new PaperScript(new OrderManagerOptions(), new PaperVenueOptions());

        loop.OnRow(Row(0, 60000.0, "59990", "60010", "60000"));
        Assert.Equal(EntryDecision.Submitted, loop.OnEntry(new EntryPlan(Btc, Side.Buy, Quantity.Parse("0.009"), Price.Parse("100"), Price.Parse("60000"), 60_000)));
        loop.OnRow(Row(60_000, 60050.04, "60000", "60080", "60060")); // fills at 60050.0, the AvgPrice on the tick
        Assert.Equal(Price.Parse("60050"), loop.Oms.PlanOf(Btc).EntryPrice);
        loop.OnRow(Row(120_000, 60060.0, "60040", "60080", "60060")); // stop 59950 and TP1 60150 accepted
        loop.OnRow(Row(180_000, 60050.0, "59900", "60200", "60000")); // crosses both: the stop fills first

        List<VenueReport> reports = loop.Reports;
        VenueReport exit = reports.Where(r => r.IsFill).Last();
        Assert.Equal((Side.Sell, Price.Parse("59950"), Quantity.Parse("0.009")), (exit.Side, exit.LastPrice, exit.LastQuantity));
        Assert.True(loop.Oms.PositionOf(Btc).IsFlat);
        Assert.Equal(Money.FromDecimal(-0.9m), loop.Oms.PositionOf(Btc).RealizedPnl); // (59950 - 60050) × 0.009
        Assert.Equal(PaperFillModel.Bars, loop.Venue.FillModel);
        Assert.Equal(1, reports.Count(r => r.Kind == VenueReportKind.Expired)); // TP1 (60150) was crossed too but found nothing left to close; TP2 (60250) was not reached
    }
}
