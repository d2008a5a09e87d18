using System.Text;
using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.UserData;

/// <summary>
/// The user-data decoder against Nautilus's recorded Binance payloads (data/binance/ws/nautilus/…/user_data_json): the
/// expected values are read off those files by hand.
/// </summary>
public class UserEventParserTests
{
    private static readonly SymbolRegistry Symbols = new(["BTCUSDT", "BNBUSDT"]);

    private static byte[] Fixture(string name) =>
        File.ReadAllBytes(RepoData.Path("binance", "ws", "nautilus", "crate_test_data", "futures", "user_data_json", name));

    private static UserEventParser NewParser(string prefix = "eng") => new(Symbols, prefix);

    [Fact]
    public void OrderTradeUpdate_Trade_DecodesEveryFieldTheStreamUses()
    {
        UserEventParser p = NewParser("TEST"); // the fixture's client id is "TEST": not of the form prefix-n
        Assert.Equal(UserEventType.OrderTradeUpdate, p.Parse(Fixture("order_update_trade.json")));

        OrderUpdate o = p.Order;
        Assert.Equal(new SymbolId(0), o.Symbol);
        Assert.Equal(OrderOrigin.Manual, o.Origin);
        Assert.Equal(Side.Buy, o.Side);
        Assert.Equal(ExecutionType.Trade, o.Execution);
        Assert.Equal(VenueOrderStatus.PartiallyFilled, o.Status);
        Assert.Equal(8886774, o.VenueId.Value);
        Assert.Equal(Quantity.Parse("0.001"), o.OriginalQuantity);
        Assert.Equal(Quantity.Parse("0.001"), o.LastQuantity);
        Assert.Equal(Quantity.Parse("0.001"), o.CumulativeQuantity);
        Assert.Equal(Price.Parse("7100.50"), o.LastPrice);
        Assert.Equal(new Money(1_000_000), o.Commission); // "0.01000000"
        Assert.True(o.CommissionInQuote);
        Assert.Equal(new Money(1_234_000_000), o.RealizedProfit); // "12.34"
        Assert.Equal(12345678, o.TradeId);
        Assert.True(o.IsMaker);
        Assert.Equal(1568879465651, o.EventTimeMs);
        Assert.True(o.IsFill);
    }

    [Theory]
    [InlineData("eng-42", 42, OrderOrigin.Engine)]
    [InlineData("eng-0", 0, OrderOrigin.Manual)]
    [InlineData("eng-42x", 0, OrderOrigin.Manual)]
    [InlineData("web_abc", 0, OrderOrigin.Manual)]
    [InlineData("autoclose-1234567890", 0, OrderOrigin.Liquidation)]
    [InlineData("adl_autoclose_1", 0, OrderOrigin.Adl)]
    [InlineData("settlement_autoclose-9", 0, OrderOrigin.Settlement)]
    public void ClientId_TellsWhoPlacedTheOrder(string clientId, long ours, OrderOrigin origin)
    {
        string json = Encoding.ASCII.GetString(Fixture("order_update_new.json")).Replace("\"TEST\"", $"\"{clientId}\"", StringComparison.Ordinal);
        UserEventParser p = NewParser();
        Assert.Equal(UserEventType.OrderTradeUpdate, p.Parse(Encoding.ASCII.GetBytes(json)));
        Assert.Equal(origin, p.Order.Origin);
        Assert.Equal(ours, p.Order.ClientId.Value);
    }

    [Fact]
    public void Liquidation_Adl_AndSettlement_AreClassifiedFromTheirIdsAndStatuses()
    {
        UserEventParser p = NewParser();
        p.Parse(Fixture("order_update_calculated.json"));
        Assert.Equal((OrderOrigin.Liquidation, ExecutionType.Calculated, Side.Sell), (p.Order.Origin, p.Order.Execution, p.Order.Side));
        Assert.True(p.Order.IsFill); // a CALCULATED fill moves the position
        Assert.Equal(new Money(-567_000_000), p.Order.RealizedProfit);

        p.Parse(Fixture("order_update_adl.json"));
        Assert.Equal((OrderOrigin.Adl, VenueOrderStatus.NewAdl), (p.Order.Origin, p.Order.Status));

        p.Parse(Fixture("order_update_settlement.json"));
        Assert.Equal(OrderOrigin.Settlement, p.Order.Origin);
    }

    [Fact]
    public void TradeLite_KeepsItsFieldsAtTheTopLevel()
    {
        UserEventParser p = NewParser();
        Assert.Equal(UserEventType.TradeLite, p.Parse(Fixture("trade_lite.json")));
        Assert.Equal((8886774L, 12345678L), (p.Order.VenueId.Value, p.Order.TradeId));
        Assert.Equal(Quantity.Parse("0.001"), p.Order.LastQuantity);
        Assert.Equal(Price.Parse("7100.50"), p.Order.LastPrice);
        Assert.Equal(Side.Buy, p.Order.Side);
    }

    [Fact]
    public void AlgoUpdate_DecodesStatusAndTrigger()
    {
        UserEventParser p = NewParser();
        Assert.Equal(UserEventType.AlgoUpdate, p.Parse(Fixture("algo_update_new.json")));
        Assert.Equal(2148719, p.Algo.AlgoId);
        Assert.Equal(VenueOrderStatus.New, p.Algo.Status);
        Assert.Equal(new SymbolId(1), p.Algo.Symbol); // BNBUSDT
        Assert.Equal(Price.Parse("750"), p.Algo.TriggerPrice);
        Assert.True(p.Algo.TriggeredOrderId.IsNone); // "ai":"" before the trigger
        Assert.Equal(1750515742303, p.Algo.EventTimeMs);
    }

    [Fact]
    public void AccountUpdate_DecodesTheUsdtBalanceAndEveryPosition()
    {
        UserEventParser p = NewParser();
        Assert.Equal(UserEventType.AccountUpdate, p.Parse(Fixture("account_update.json")));
        Assert.True(p.HasBalance);
        Assert.Equal(Money.FromDecimal(122624.12345678m), p.Balance.Balance);
        Assert.Equal(Money.FromDecimal(50.12345678m), p.Balance.Change);
        Assert.Equal(AccountUpdateReason.Order, p.Balance.Reason);
        Assert.Equal(3, p.Positions.Length);
        Assert.Equal(Quantity.Parse("20"), p.Positions[1].Amount);
        Assert.Equal(Price.Parse("6563.6"), p.Positions[1].Price);
        Assert.Equal(Quantity.Parse("-10"), p.Positions[2].Amount);
        Assert.Equal(Money.FromDecimal(-45.04m), p.Positions[2].Balance);
    }

    [Fact]
    public void CombinedEnvelope_IsUnwrapped()
    {
        byte[] inner = Fixture("trade_lite.json");
        byte[] frame = [.. "{\"stream\":\"abc\",\"data\":"u8, .. inner, .. "}"u8];
        Assert.Equal(UserEventType.TradeLite, NewParser().Parse(frame));
    }

    [Theory]
    [InlineData("{\"e\":\"listenKeyExpired\",\"E\":\"1736996475556\",\"listenKey\":\"abc\"}", UserEventType.ListenKeyExpired)]
    [InlineData("{\"e\":\"MARGIN_CALL\",\"E\":1}", UserEventType.MarginCall)]
    [InlineData("{\"e\":\"STRATEGY_UPDATE\",\"E\":1}", UserEventType.Unknown)]
    [InlineData("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1}", UserEventType.Malformed)]
    [InlineData("{\"e\":\"ORDER_TRADE_UPDATE\",\"o\":{\"i\":1", UserEventType.Malformed)]
    [InlineData("not json", UserEventType.Malformed)]
    [InlineData("", UserEventType.Malformed)]
    [InlineData("{\"E\":1}", UserEventType.Malformed)]
    public void OtherFrames_AreTypedWithoutThrowing(string frame, UserEventType expected)
    {
        Assert.Equal(expected, NewParser().Parse(Encoding.UTF8.GetBytes(frame)));
    }

    [Fact]
    public void ListenKeyExpired_TakesItsStringEventTime()
    {
        UserEventParser p = NewParser();
        p.Parse("{\"e\":\"listenKeyExpired\",\"E\":\"1736996475556\",\"listenKey\":\"abc\"}"u8);
        Assert.Equal(1736996475556, p.EventTimeMs);
    }

    [Fact]
    public void Parsing_AllocatesNothing_OnceWarm()
    {
        UserEventParser p = NewParser();
        byte[] order = Fixture("order_update_trade.json"), account = Fixture("account_update.json"), algo = Fixture("algo_update_new.json");
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                p.Parse(order);
                p.Parse(account);
                p.Parse(algo);
            }
        });
    }
}
