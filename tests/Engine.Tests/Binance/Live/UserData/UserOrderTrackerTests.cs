using Engine.Binance.Live.UserData;
using Engine.Model;

namespace Engine.Tests.Binance.Live.UserData;

/// <summary>Exactly-once reports from the user stream: duplicates, reorders, TRADE_LITE pairs and foreign activity.</summary>
public class UserOrderTrackerTests
{
    private static readonly SymbolId Btc = new(0);

    private readonly RecordingSink _sink = new();
    private readonly UserStreamStatistics _stats = new();
    private readonly UserOrderTracker _tracker;

    public UserOrderTrackerTests() => _tracker = new UserOrderTracker(_sink, _stats);

    private static OrderUpdate Update(long client, ExecutionType x, VenueOrderStatus status, string last = "0", string price = "0", long trade = 0, string qty = "0.010") => new()
    {
        Symbol = Btc,
        ClientId = new ClientOrderId(client),
        Origin = client == 0 ? OrderOrigin.Manual : OrderOrigin.Engine,
        Side = Side.Buy,
        Execution = x,
        Status = status,
        VenueId = new OrderId(1000 + client),
        OriginalQuantity = Quantity.Parse(qty),
        LastQuantity = Quantity.Parse(last),
        LastPrice = Price.Parse(price),
        TradeId = trade,
        Commission = new Money(2_000_000), // 0.02 USDT
        CommissionInQuote = true,
        RealizedProfit = new Money(100_000_000),
        EventTimeMs = 5,
    };

    [Fact]
    public void NewThenTwoFills_GiveAcceptedPartialFilled_WithOurCumulative()
    {
        _tracker.OnOrderUpdate(Update(7, ExecutionType.New, VenueOrderStatus.New));
        _tracker.OnOrderUpdate(Update(7, ExecutionType.Trade, VenueOrderStatus.PartiallyFilled, "0.004", "100.5", trade: 1));
        _tracker.OnOrderUpdate(Update(7, ExecutionType.Trade, VenueOrderStatus.Filled, "0.006", "100.6", trade: 2));

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.PartiallyFilled, VenueReportKind.Filled], _sink.Reports.Select(r => r.Kind));
        Assert.Equal(Quantity.Parse("0.004"), _sink.Reports[1].CumulativeQuantity);
        Assert.Equal(Quantity.Parse("0.010"), _sink.Reports[2].CumulativeQuantity);
        Assert.Equal(new Money(2_000_000), _sink.Reports[2].Fee);
        Assert.Equal(0.04m, _stats.Commission);
        Assert.Equal(2m, _stats.VenueRealizedProfit);
    }

    [Fact]
    public void DuplicateFramesOfEveryKind_ChangeNothing()
    {
        OrderUpdate[] frames =
        [
            Update(7, ExecutionType.New, VenueOrderStatus.New),
            Update(7, ExecutionType.Trade, VenueOrderStatus.PartiallyFilled, "0.004", "100.5", trade: 1),
            Update(7, ExecutionType.Canceled, VenueOrderStatus.Canceled),
        ];
        foreach (OrderUpdate f in frames)
        {
            _tracker.OnOrderUpdate(f);
            _tracker.OnOrderUpdate(f);
        }

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.PartiallyFilled, VenueReportKind.Canceled], _sink.Reports.Select(r => r.Kind));
        Assert.Equal(1, _stats.DuplicateFills);
        Assert.Equal(2, _stats.DuplicateStatuses);
        Assert.Equal(0.02m, _stats.Commission); // the repeated fill's commission is not counted twice
    }

    [Fact]
    public void ReorderedFills_StillSumToTheOrder_AndEndFilled()
    {
        // The venue's second fill (z = 0.010, FILLED) arrives before its first (z = 0.004)
        _tracker.OnOrderUpdate(Update(7, ExecutionType.Trade, VenueOrderStatus.Filled, "0.006", "100.6", trade: 2));
        _tracker.OnOrderUpdate(Update(7, ExecutionType.Trade, VenueOrderStatus.PartiallyFilled, "0.004", "100.5", trade: 1));
        _tracker.OnOrderUpdate(Update(7, ExecutionType.New, VenueOrderStatus.New)); // NEW last of all: stale

        Assert.Equal([VenueReportKind.PartiallyFilled, VenueReportKind.Filled], _sink.Reports.Select(r => r.Kind));
        Assert.Equal([Quantity.Parse("0.006"), Quantity.Parse("0.010")], _sink.Reports.Select(r => r.CumulativeQuantity));
        Assert.Equal([Price.Parse("100.6"), Price.Parse("100.5")], _sink.Reports.Select(r => r.LastPrice)); // each fill at its own price
        Assert.Equal(1, _stats.StaleStatuses);
    }

    [Fact]
    public void TradeLite_IsMatchedWithItsOrderUpdate_AndReportedOnce()
    {
        OrderUpdate fill = Update(7, ExecutionType.Trade, VenueOrderStatus.PartiallyFilled, "0.004", "100.5", trade: 1);
        _tracker.OnTradeLite(fill); // lite first, as Binance sends it
        _tracker.OnOrderUpdate(fill);
        _tracker.OnTradeLite(fill); // a lite after its update (reordered): nothing

        Assert.Single(_sink.Reports);
        Assert.Equal(1, _stats.LitesAhead);
    }

    [Fact]
    public void ManualAndLiquidationFills_BecomeForeignFillUpdates_NotOrderReports()
    {
        OrderUpdate manual = Update(0, ExecutionType.Trade, VenueOrderStatus.Filled, "0.010", "99", trade: 3);
        OrderUpdate liquidation = manual with { Origin = OrderOrigin.Liquidation, Execution = ExecutionType.Calculated, TradeId = 4, Side = Side.Sell };
        _tracker.OnOrderUpdate(Update(0, ExecutionType.New, VenueOrderStatus.New));
        _tracker.OnOrderUpdate(manual);
        _tracker.OnOrderUpdate(liquidation);
        _tracker.OnOrderUpdate(liquidation); // duplicate

        Assert.Empty(_sink.Reports);
        Assert.Equal([AccountUpdateReason.Manual, AccountUpdateReason.Liquidation], _sink.Updates.Select(u => u.Reason));
        Assert.All(_sink.Updates, u => Assert.Equal(AccountUpdateKind.ForeignFill, u.Kind));
        Assert.Equal(Side.Sell, _sink.Updates[1].Side);
        Assert.Equal(Quantity.Parse("0.010"), _sink.Updates[1].Amount);
        Assert.Equal((2L, 1L, 1L), (_stats.ForeignFills, _stats.LiquidationFills, _stats.ForeignOrderEvents));
    }

    [Fact]
    public void AlgoOrder_AcceptedOnce_ThenItsTriggeredOrderFills_UnderTheSameClientId()
    {
        var algo = new AlgoUpdate { Symbol = Btc, ClientId = new ClientOrderId(9), Origin = OrderOrigin.Engine, Side = Side.Sell, Status = VenueOrderStatus.New, AlgoId = 55, Quantity = Quantity.Parse("0.010") };
        _tracker.OnAlgoUpdate(algo);
        _tracker.OnAlgoUpdate(algo); // duplicate
        _tracker.OnAlgoUpdate(algo with { Status = VenueOrderStatus.Triggered, TriggeredOrderId = new OrderId(1009) });
        _tracker.OnOrderUpdate(Update(9, ExecutionType.New, VenueOrderStatus.New) with { Side = Side.Sell }); // the triggered order: already accepted
        _tracker.OnOrderUpdate(Update(9, ExecutionType.Trade, VenueOrderStatus.Filled, "0.010", "95", trade: 8) with { Side = Side.Sell });
        _tracker.OnAlgoUpdate(algo with { Status = VenueOrderStatus.Finished });
        _tracker.OnAlgoUpdate(algo with { Status = VenueOrderStatus.New }); // reordered, after the end

        Assert.Equal([VenueReportKind.Accepted, VenueReportKind.Filled], _sink.Reports.Select(r => r.Kind));
        Assert.Equal(1009, _sink.Reports[1].VenueId.Value);
    }

    [Fact]
    public void FundingFee_IsSummed_AndPassedOnAsABalanceUpdate()
    {
        var parser = new UserEventParser(new SymbolRegistry(["BTCUSDT"]), "eng");
        parser.Parse("""{"e":"ACCOUNT_UPDATE","E":9,"T":9,"a":{"m":"FUNDING_FEE","B":[{"a":"USDT","wb":"99.5","cw":"99.5","bc":"-0.5"}],"P":[]}}"""u8);
        _tracker.OnAccountUpdate(parser);

        AccountUpdate b = Assert.Single(_sink.Updates);
        Assert.Equal((AccountUpdateKind.Balance, AccountUpdateReason.FundingFee), (b.Kind, b.Reason));
        Assert.Equal(-0.5m, _stats.Funding);
        Assert.Equal(1, _stats.FundingEvents);
    }
}
