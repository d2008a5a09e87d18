using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

public class OrderManagerTests
{
    private static readonly SymbolId Btc = new(0);

    private static (OrderManager<RecordingSink> Oms, RecordingSink.Box Box) Create(OrderManagerOptions? options = null)
    {
        var box = new RecordingSink.Box { All = [] };
        var oms = new OrderManager<RecordingSink>(options ?? new OrderManagerOptions(), [PaperScript.BtcFilters], new RecordingSink(box));
        return (oms, box);
    }

    private static EntryPlan Long(string qty = "0.009", long timeMs = 1000) =>
        new(Btc, Side.Buy, Quantity.Parse(qty), Price.Parse("100"), Price.Parse("60000"), timeMs);

    private static VenueReport Report(VenueReportKind kind, ClientOrderId id, string cum = "0", string last = "0", string price = "0", long timeMs = 2000) => new()
    {
        Kind = kind,
        ClientId = id,
        Symbol = Btc,
        CumulativeQuantity = Quantity.Parse(cum),
        LastQuantity = Quantity.Parse(last),
        LastPrice = Price.Parse(price),
        EventTimeMs = timeMs,
    };

    [Fact]
    public void OnEntry_SendsAMarketOrderOnTheLotGrid()
    {
        var (oms, box) = Create();
        Assert.Equal(EntryDecision.Submitted, oms.OnEntry(Long("0.0129")));
        OrderRequest r = box.Last;
        Assert.Equal((OrderCommand.Submit, OrderType.Market, Side.Buy, Quantity.Parse("0.012"), false, 1000L), (r.Command, r.Type, r.Side, r.Quantity, r.ReduceOnly, r.TimeMs));
        Assert.Equal(1, r.ClientId.Value);
    }

    [Fact]
    public void ClientIds_ContinueAfterTheConfiguredLastId()
    {
        var (oms, box) = Create(new OrderManagerOptions { LastClientOrderId = 41 });
        oms.OnEntry(Long());
        Assert.Equal(42, box.Last.ClientId.Value);
    }

    [Theory]
    [InlineData("0.0009", EntryDecision.RejectedBelowMinQuantity)] // floors to zero lots
    [InlineData("0.001", EntryDecision.RejectedBelowMinNotional)]  // 60 USDT < 100
    public void OnEntry_TooSmall_IsRefusedBeforeSending(string qty, EntryDecision expected)
    {
        var (oms, box) = Create();
        Assert.Equal(expected, oms.OnEntry(Long(qty)));
        Assert.Equal(0, box.Count);
    }

    [Fact]
    public void OnEntry_UnknownSymbol_IsRefused()
    {
        var (oms, _) = Create();
        var plan = new EntryPlan(new SymbolId(5), Side.Buy, Quantity.Parse("1"), Price.Parse("1"), Price.Parse("1000"), 0);
        Assert.Equal(EntryDecision.RejectedUnknownSymbol, oms.OnEntry(plan));
    }

    [Fact]
    public void RejectedEntry_FreesTheSymbolWithoutCooldown()
    {
        var (oms, _) = Create();
        oms.OnEntry(Long());
        oms.OnReport(Report(VenueReportKind.Rejected, new ClientOrderId(1)) with { ErrorCode = BinanceErrorCode.MinNotional });
        Assert.Equal(OrderStatus.Rejected, oms.OrderOf(new ClientOrderId(1), out _).Status);
        Assert.Equal(BinanceErrorCode.MinNotional, oms.OrderOf(new ClientOrderId(1), out _).LastError);
        Assert.Equal(ExitPhase.Idle, oms.PlanOf(Btc).Phase);
        Assert.Equal(1, oms.Counters.EntriesFailed);
        Assert.Equal(EntryDecision.Submitted, oms.OnEntry(Long(timeMs: 1001)));
    }

    [Fact]
    public void IllegalReport_IsCountedAndLeavesTheOrderUnchanged()
    {
        var (oms, _) = Create();
        oms.OnEntry(Long());
        var id = new ClientOrderId(1);
        oms.OnReport(Report(VenueReportKind.Rejected, id));
        oms.OnReport(Report(VenueReportKind.Filled, id, "0.009", "0.009", "60000")); // a fill for a rejected order
        Assert.Equal(OrderStatus.Rejected, oms.OrderOf(id, out _).Status);
        Assert.Equal(Quantity.Zero, oms.OrderOf(id, out _).Filled);
        Assert.True(oms.PositionOf(Btc).IsFlat);
        Assert.Equal(1, oms.Counters.IllegalTransitions);
        Assert.Equal((OrderStatus.Rejected, OrderEvent.Filled, id), (oms.Counters.LastIllegalFrom, oms.Counters.LastIllegalEvent, oms.Counters.LastIllegalOrder));
    }

    [Fact]
    public void DuplicateFill_IsAppliedOnce()
    {
        var (oms, _) = Create();
        oms.OnEntry(Long());
        var id = new ClientOrderId(1);
        VenueReport partial = Report(VenueReportKind.PartiallyFilled, id, "0.004", "0.004", "60000");
        oms.OnReport(partial);
        oms.OnReport(partial); // TRADE_LITE and ORDER_TRADE_UPDATE carry the same fill
        Assert.Equal(Quantity.Parse("0.004"), oms.PositionOf(Btc).Size);
        Assert.Equal(1, oms.Counters.DuplicateFills);
        Assert.Equal(OrderStatus.PartiallyFilled, oms.OrderOf(id, out _).Status);
    }

    [Fact]
    public void StopLossCycle_RepeatsWithoutRefusals_AndFreesItsSlots()
    {
        var (oms, box) = Create(new OrderManagerOptions { OrderCapacity = 16 });
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(EntryDecision.Submitted, oms.OnEntry(Long("0.0123", 1)));
            ClientOrderId entry = box.Last.ClientId;
            oms.OnReport(Report(VenueReportKind.Filled, entry, "0.012", "0.012", "60000", 0) with { Side = Side.Buy });
            oms.OnReport(Report(VenueReportKind.Filled, new ClientOrderId(entry.Value + 1), "0.012", "0.012", "59900", 0) with { Side = Side.Sell });
            Assert.True(oms.PositionOf(Btc).IsFlat);
            oms.OnReport(Report(VenueReportKind.Canceled, new ClientOrderId(entry.Value + 2), timeMs: 0));
            oms.OnReport(Report(VenueReportKind.Canceled, new ClientOrderId(entry.Value + 3), timeMs: 0));
            Assert.Equal(0, oms.WorkingOrders);
        }

        Assert.Equal(Money.FromDecimal(-120m), oms.PositionOf(Btc).RealizedPnl); // 100 × 0.012 × -100
        Assert.Equal(0, oms.Counters.IllegalTransitions);
    }

    [Fact]
    public void ReportForUnknownOrder_IsCountedAndIgnored()
    {
        var (oms, _) = Create();
        oms.OnReport(Report(VenueReportKind.Filled, new ClientOrderId(77), "1", "1", "1"));
        Assert.Equal(1, oms.Counters.UnknownOrderReports);
        Assert.True(oms.PositionOf(Btc).IsFlat);
    }

    [Fact]
    public void UnknownOutcome_IsResolvedByALaterFill()
    {
        var (oms, box) = Create();
        oms.OnEntry(Long());
        var id = new ClientOrderId(1);
        oms.OnReport(Report(VenueReportKind.Unknown, id)); // HTTP 503: may have executed
        Assert.Equal(OrderStatus.Unknown, oms.OrderOf(id, out _).Status);
        Assert.Equal(ExitPhase.Entering, oms.PlanOf(Btc).Phase);
        Assert.Equal(2, box.Count); // nothing re-sent blindly: the order is queried
        Assert.Equal((OrderCommand.Query, id), (box.Last.Command, box.Last.ClientId));

        oms.OnReport(Report(VenueReportKind.Filled, id, "0.009", "0.009", "60000"));
        Assert.Equal(OrderStatus.Filled, oms.OrderOf(id, out _).Status);
        Assert.Equal(ExitPhase.Open, oms.PlanOf(Btc).Phase);
        Assert.Equal(5, box.Count); // stop, TP1, TP2
    }

    [Fact]
    public void UnknownOutcome_NotFoundByQuery_EndsAsRejected()
    {
        var (oms, _) = Create();
        oms.OnEntry(Long());
        var id = new ClientOrderId(1);
        oms.OnReport(Report(VenueReportKind.Unknown, id));
        oms.OnReport(Report(VenueReportKind.NotFound, id));
        Assert.Equal(OrderStatus.Rejected, oms.OrderOf(id, out _).Status);
        Assert.Equal(ExitPhase.Idle, oms.PlanOf(Btc).Phase);
    }

    [Fact]
    public void PartialEntryThenCanceled_ProtectsWhatFilled()
    {
        var (oms, box) = Create(new OrderManagerOptions { EntryTimeoutMs = 1000 });
        oms.OnEntry(new EntryPlan(Btc, Side.Buy, Quantity.Parse("0.009"), Price.Parse("100"), Price.Parse("60000"), 1000, OrderType.Limit, Price.Parse("59950")));
        var id = new ClientOrderId(1);
        oms.OnReport(Report(VenueReportKind.Accepted, id, timeMs: 1000));
        oms.OnReport(Report(VenueReportKind.PartiallyFilled, id, "0.002", "0.002", "59950", 1500));
        oms.OnMark(Btc, Price.Parse("59960"), 2000); // timeout: cancel
        Assert.Equal(OrderCommand.Cancel, box.Last.Command);
        oms.OnReport(Report(VenueReportKind.Canceled, id, "0.002", timeMs: 2100));
        Assert.Equal(ExitPhase.Open, oms.PlanOf(Btc).Phase);
        OrderRequest stop = box.All!.Single(r => r.Type == OrderType.StopMarket);
        Assert.Equal((Quantity.Parse("0.002"), Price.Parse("59850")), (stop.Quantity, stop.StopPrice));
        Assert.Equal(Quantity.Parse("0.001"), box.All!.Single(r => r.Price == Price.Parse("60050")).Quantity); // two lots: 1 + 1
    }

    [Fact]
    public void CancelRejected_KeepsTheOrderWorking()
    {
        var (oms, box) = Create(new OrderManagerOptions { EntryTimeoutMs = 1000 });
        oms.OnEntry(new EntryPlan(Btc, Side.Buy, Quantity.Parse("0.009"), Price.Parse("100"), Price.Parse("60000"), 1000, OrderType.Limit, Price.Parse("59950")));
        var id = new ClientOrderId(1);
        oms.OnReport(Report(VenueReportKind.Accepted, id, timeMs: 1000));
        oms.OnMark(Btc, Price.Parse("59960"), 2000);
        oms.OnReport(Report(VenueReportKind.CancelRejected, id, timeMs: 2100) with { ErrorCode = BinanceErrorCode.CancelRejected });
        Assert.Equal(OrderStatus.Accepted, oms.OrderOf(id, out _).Status);
        Assert.Equal(ExitPhase.Entering, oms.PlanOf(Btc).Phase);
        Assert.Equal(0, oms.Counters.IllegalTransitions);
        Assert.Equal(2, box.Count);
    }

    [Fact]
    public void OrderTableFull_RefusesTheEntry()
    {
        var box = new RecordingSink.Box();
        var oms = new OrderManager<RecordingSink>(new OrderManagerOptions { OrderCapacity = 1 }, [PaperScript.BtcFilters, PaperScript.BtcFilters], new RecordingSink(box));
        oms.OnEntry(Long());
        oms.OnReport(Report(VenueReportKind.Unknown, new ClientOrderId(1))); // still working: its slot stays taken (and it is queried)
        var other = new EntryPlan(new SymbolId(1), Side.Buy, Quantity.Parse("0.009"), Price.Parse("100"), Price.Parse("60000"), 1000);
        Assert.Equal(EntryDecision.RejectedOrderTableFull, oms.OnEntry(other));
        Assert.Equal(2, box.Count);
        Assert.Equal(OrderCommand.Query, box.Last.Command);
    }
}
