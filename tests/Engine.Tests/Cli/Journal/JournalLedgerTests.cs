using Engine.Cli.Journal;
using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Cli.Journal;

public class JournalLedgerTests
{
    private static readonly SymbolId Btc = new(0);

    private static OrderRequest Submit(long id, OrderType type, bool reduceOnly, Side side = Side.Buy) =>
        new(OrderCommand.Submit, new ClientOrderId(id), OrderId.None, Btc, side, type, TimeInForce.None, Price.Zero, Price.Zero,
            Quantity.Parse("1"), reduceOnly, 0);

    private static VenueReport Fill(long id, Side side, string qty, string price, VenueReportKind kind = VenueReportKind.Filled) => new()
    {
        Kind = kind, ClientId = new ClientOrderId(id), Symbol = Btc, Side = side, LastQuantity = Quantity.Parse(qty),
        LastPrice = Price.Parse(price), Fee = Money.FromDecimal(0.01m),
    };

    [Fact]
    public void OnSubmit_InfersEachRoleFromTheShapeOfTheRequest()
    {
        var ledger = new JournalLedger(1);
        Assert.Equal(OrderRole.Entry, ledger.OnSubmit(Submit(1, OrderType.Market, false)));
        Assert.Equal(OrderRole.StopLoss, ledger.OnSubmit(Submit(2, OrderType.StopMarket, true, Side.Sell)));
        Assert.Equal(OrderRole.TakeProfit1, ledger.OnSubmit(Submit(3, OrderType.Limit, true, Side.Sell)));
        Assert.Equal(OrderRole.TakeProfit2, ledger.OnSubmit(Submit(4, OrderType.Limit, true, Side.Sell)));
        Assert.Equal(OrderRole.Flatten, ledger.OnSubmit(Submit(5, OrderType.Market, true, Side.Sell)));
        Assert.Equal(OrderRole.Entry, ledger.OnSubmit(Submit(6, OrderType.Limit, false)));
        Assert.Equal(OrderRole.TakeProfit1, ledger.OnSubmit(Submit(7, OrderType.Limit, true, Side.Sell))); // a new entry restarts the legs
        Assert.Equal(OrderRole.StopLoss, ledger.RoleOf(new ClientOrderId(2)));
        Assert.Equal(OrderRole.None, ledger.RoleOf(new ClientOrderId(99)));
    }

    [Fact]
    public void OnReport_ReducingFillsRealiseTheirShareOfTheEntry_AndTheLastFillNamesTheExit()
    {
        var ledger = new JournalLedger(1);
        ledger.OnSubmit(Submit(1, OrderType.Market, false));
        ledger.OnSubmit(Submit(2, OrderType.Limit, true, Side.Sell));
        ledger.OnSubmit(Submit(3, OrderType.StopMarket, true, Side.Sell));

        Assert.Equal(Money.Zero, ledger.OnReport(Fill(1, Side.Buy, "2", "100")));
        // Hand-computed: sell 0.5 at 110 against an entry at 100 realises 0.5 × 10 = 5; the rest 1.5 at 95 loses 7.5.
        Assert.Equal(5m, ledger.OnReport(Fill(2, Side.Sell, "0.5", "110")).ToDecimal());
        Assert.Equal(-7.5m, ledger.OnReport(Fill(3, Side.Sell, "1.5", "95")).ToDecimal());
        Assert.Equal(OrderRole.StopLoss, ledger.LastFillRole(Btc));
        Assert.True(ledger.PositionOf(Btc).IsFlat);
        Assert.Equal(0, ledger.WorkingOrders); // every order reached a final status and was forgotten
    }
}
