using System.Net.Http;
using System.Text.Json;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// One test per payload kind: what the sim sends has the field names, JSON types and nesting of the recorded Binance
/// payload of that kind (Binance.Net's USD-M fixtures, Nautilus's order response), in Binance's order where the
/// recording keeps it (Binance.Net's order payloads list fields alphabetically, so those compare as sets). Fields the
/// sim never sends are named per test: <c>activatePrice</c>/<c>priceRate</c> (<c>AP</c>/<c>cr</c>) belong to trailing
/// stops, which the sim does not take.
/// </summary>
public sealed class ConformanceTests
{
    private const string Limit = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000";

    [Fact]
    public async Task PlaceOrder_IsShapedAsBinances()
    {
        await using var h = await TradingHarness.StartAsync();
        var (_, order) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_PlaceOrder.txt"), order, ordered: false, "activatePrice", "priceRate");
        Assert.Equal("40000.00", order.GetProperty("price").GetString()); // padded to pricePrecision 2
        Assert.Equal("0.010", order.GetProperty("origQty").GetString());
    }

    [Fact]
    public async Task QueryOrder_IsShapedAsBinances_InItsOrder()
    {
        await using var h = await TradingHarness.StartAsync();
        var (_, placed) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", Limit);
        var (_, order) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={placed.GetProperty("orderId").GetInt64()}");
        PayloadShape.AssertSame(PayloadShape.NautilusRest("order_response.json"), order, ordered: true);
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_GetOrder.txt"), order, ordered: false, "activatePrice", "priceRate");
    }

    [Fact]
    public async Task CancelOrder_OpenOrders_CancelAll_AreShapedAsBinances()
    {
        await using var h = await TradingHarness.StartAsync();
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", Limit + "&newClientOrderId=a");
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", Limit + "&newClientOrderId=b");
        var (_, open) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_GetOpenOrders.txt"), open, ordered: false, "activatePrice", "priceRate");
        var (_, canceled) = await h.CallAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=a");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_CancelOrder.txt"), canceled, ordered: false, "activatePrice", "priceRate");
        var (_, all) = await h.CallAsync(HttpMethod.Delete, "/fapi/v1/allOpenOrders", "symbol=BTCUSDT");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_CancelAllOrders.txt"), all, ordered: true);
    }

    [Fact]
    public async Task UserTrades_PositionRisk_Balance_Account_Leverage_AreShapedAsBinances()
    {
        await using var h = await TradingHarness.StartAsync();
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010");
        h.Print("40000", "1");
        var (_, trades) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_GetUserTrades.txt"), trades, ordered: true);
        var (_, risk) = await h.CallAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_GetPositions.txt"), risk, ordered: true);
        PayloadShape.AssertSame(PayloadShape.NautilusRest("position_risk.json"), risk, ordered: false);
        var (_, balance) = await h.CallAsync(HttpMethod.Get, "/fapi/v2/balance", "");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Account_GetBalances.txt"), balance, ordered: true);
        PayloadShape.AssertSame(PayloadShape.NautilusRest("balance.json"), balance, ordered: true);
        var (_, account) = await h.CallAsync(HttpMethod.Get, "/fapi/v3/account", "");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Account_GetAccountInfoV3.txt"), account, ordered: true);
        var (_, leverage) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=21");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Account_ChangeInitialLeverage.txt"), leverage, ordered: true);
    }

    [Fact]
    public async Task AlgoOrders_PlaceQueryOpenCancel_AreShapedAsBinances()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        const string stop = "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=39000";
        var (_, placed) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", stop);
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_PlaceConditionalOrder.txt"), placed, ordered: true);
        var (_, open) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_GetOpenConditionalOrders.txt"), open, ordered: true);
        var (_, canceled) = await h.CallAsync(HttpMethod.Delete, "/fapi/v1/algoOrder", $"algoId={placed.GetProperty("algoId").GetInt64()}");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_CancelConditionalOrder.txt"), canceled, ordered: true);

        var (_, second) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", stop);
        h.Print("38900", "1", 2);
        var (_, finished) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/algoOrder", $"algoId={second.GetProperty("algoId").GetInt64()}");
        PayloadShape.AssertSame(PayloadShape.RestFixture("Trading_GetConditionalOrder.txt"), finished, ordered: true);
    }

    [Fact]
    public async Task UserEvents_OrderTradeUpdate_TradeLite_AccountUpdate_AlgoUpdate_AreShapedAsBinances()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010");
        h.Print("40000", "1", 2);
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=39000");
        var events = h.Events;
        string First(string type) => events.First(e => e.Type == type).Json;
        PayloadShape.AssertSame(PayloadShape.WsFixture("OrderUpdate.txt"), PayloadShape.Parse(First("ORDER_TRADE_UPDATE")), ordered: true, "AP", "cr");
        PayloadShape.AssertSame(PayloadShape.WsFixture("TradeUpdate.txt"), PayloadShape.Parse(First("TRADE_LITE")), ordered: true);
        PayloadShape.AssertSame(PayloadShape.WsFixture("AccountUpdate.txt"), PayloadShape.Parse(First("ACCOUNT_UPDATE")), ordered: true);
        PayloadShape.AssertSame(PayloadShape.WsFixture("AlgoOrderUpdate.txt"), PayloadShape.Parse(First("ALGO_UPDATE")), ordered: true);
        foreach (var (type, json) in events)
        {
            using JsonDocument doc = JsonDocument.Parse(json);
            Assert.Equal(type, doc.RootElement.GetProperty("e").GetString());
        }
    }
}
