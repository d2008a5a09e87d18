using Engine.Model;
using Engine.Oms;
using static Engine.Tests.Oms.OmsHarness;

namespace Engine.Tests.Oms;

/// <summary>
/// An entry's fills are protected from the first one: the stop is placed on the first fill and resized on each later
/// one, a fill that arrives after the entry was cancelled is protected too, and an operator flatten also ends a
/// working entry. Expected prices are worked out by hand: tick 0.1, lot 0.001.
/// </summary>
public class EntryProtectionTests
{
    [Fact]
    public void LimitEntry_PartialFill_HasALiveStopBeforeTheEntryEnds()
    {
        var h = new OmsHarness();
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.002", "0.002", "59950", 1500));

        Assert.Equal(OrderStatus.PartiallyFilled, h.StatusOf(entry)); // the entry is still working
        OrderRequest stop = Assert.Single(h.Submits(OrderRole.StopLoss));
        Assert.Equal((Side.Sell, Price.Parse("59850"), Quantity.Parse("0.002"), true), (stop.Side, stop.StopPrice, stop.Quantity, stop.ReduceOnly));

        h.Apply(Report(VenueReportKind.Accepted, stop.ClientId, timeMs: 1600));
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.005", "0.003", "59950", 1700));
        OrderRequest resized = h.Submits(OrderRole.StopLoss)[1];
        Assert.Equal((Price.Parse("59850"), Quantity.Parse("0.005")), (resized.StopPrice, resized.Quantity));

        h.Apply(Report(VenueReportKind.Accepted, resized.ClientId, timeMs: 1800)); // only now the first stop goes
        Assert.Equal(OrderStatus.PendingCancel, h.StatusOf(stop.ClientId));
        h.Apply(Report(VenueReportKind.Filled, entry, "0.009", "0.004", "59950", 1900));
        OrderRequest full = h.Submits(OrderRole.StopLoss)[2];
        Assert.Equal((Price.Parse("59850"), Quantity.Parse("0.009")), (full.StopPrice, full.Quantity));
        Assert.Equal(ExitPhase.Open, h.Plan.Phase);
        Assert.Equal(Quantity.Parse("0.003"), h.Submits(OrderRole.TakeProfit1).Single().Quantity); // legs split from the whole 0.009
    }

    [Fact]
    public void FillAfterTheEntryWasCancelled_IsProtected()
    {
        var h = new OmsHarness(new OrderManagerOptions { EntryTimeoutMs = 1000 });
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Oms.OnMark(Btc, Price.Parse("59990"), 2000); // timeout: cancel
        h.Apply(Report(VenueReportKind.Canceled, entry, timeMs: 2100));
        Assert.Equal(ExitPhase.Idle, h.Plan.Phase);

        // The venue had filled it before it saw the cancel, and says so late (Canceled → Filled).
        h.Apply(Report(VenueReportKind.Filled, entry, "0.009", "0.009", "59950", 2200));
        Assert.Equal(Quantity.Parse("0.009"), h.Position.Size);
        OrderRequest stop = Assert.Single(h.Submits(OrderRole.StopLoss));
        Assert.Equal((Side.Sell, Price.Parse("59850"), Quantity.Parse("0.009")), (stop.Side, stop.StopPrice, stop.Quantity));
        Assert.NotEqual(ExitPhase.Idle, h.Plan.Phase);
    }

    [Fact]
    public void PartialFillAfterCancelRequested_IsProtected()
    {
        var h = new OmsHarness(new OrderManagerOptions { EntryTimeoutMs = 1000 });
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Oms.OnMark(Btc, Price.Parse("59990"), 2000); // timeout: cancel sent
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.004", "0.004", "59950", 2050)); // fills before the cancel lands
        OrderRequest stop = Assert.Single(h.Submits(OrderRole.StopLoss));
        Assert.Equal(Quantity.Parse("0.004"), stop.Quantity);
    }

    [Fact]
    public void OperatorFlatten_WhileEntering_CancelsTheEntryAndFlattensWhatFilled()
    {
        var h = new OmsHarness();
        h.EnterLimit("0.009", "100", "59950");
        var entry = new ClientOrderId(1);
        h.Apply(Report(VenueReportKind.Accepted, entry, timeMs: 1000));
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.002", "0.002", "59950", 1500));

        h.Oms.FlattenNow(Btc, 2000);
        Assert.Contains(h.Cancels(), c => c.ClientId == entry);
        OrderRequest flatten = Assert.Single(h.Submits(OrderRole.Flatten));
        Assert.Equal((OrderType.Market, Side.Sell, Quantity.Parse("0.002"), true), (flatten.Type, flatten.Side, flatten.Quantity, flatten.ReduceOnly));

        // More of the entry filled before the cancel landed: that is flattened too, never kept.
        h.Apply(Report(VenueReportKind.PartiallyFilled, entry, "0.005", "0.003", "59950", 2010));
        h.Apply(Report(VenueReportKind.Canceled, entry, "0.005", timeMs: 2020));
        h.Apply(Report(VenueReportKind.Filled, flatten.ClientId, "0.002", "0.002", "59940", 2030, Side.Sell));
        h.Oms.OnMark(Btc, Price.Parse("59940"), 2040);
        OrderRequest second = h.Submits(OrderRole.Flatten).Last();
        Assert.Equal(Quantity.Parse("0.003"), second.Quantity);
        h.Apply(Report(VenueReportKind.Filled, second.ClientId, "0.003", "0.003", "59940", 2050, Side.Sell));
        Assert.True(h.Position.IsFlat);
        Assert.Equal(ExitPhase.Idle, h.Plan.Phase);
        Assert.Empty(h.Submits(OrderRole.TakeProfit1)); // nothing is set up to hold a position the operator closed
    }

    [Fact]
    public void Stop_IsTheEntryMinusTheDistance_RoundedTowardTheEntry()
    {
        // entry 100.0, distance 1.06, tick 0.1: 98.94 goes up to 99.0 (a loss of 1.0 per unit, within the 1.06 risked);
        // the nearest tick, 98.9, would lose 1.1 per unit, more than the risk the size was computed for.
        var h = new OmsHarness();
        h.EnterMarket("2", "1.06", "100");
        h.Apply(Report(VenueReportKind.Filled, new ClientOrderId(1), "2", "2", "100"));
        Assert.Equal(Price.Parse("99"), h.Submits(OrderRole.StopLoss).Single().StopPrice);

        var s = new OmsHarness();
        s.EnterMarket("2", "1.06", "100", side: Side.Sell);
        s.Apply(Report(VenueReportKind.Filled, new ClientOrderId(1), "2", "2", "100", side: Side.Sell));
        Assert.Equal(Price.Parse("101"), s.Submits(OrderRole.StopLoss).Single().StopPrice); // 101.06 down to 101.0
    }
}
