using System.Net.Http;
using System.Text.Json;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// The desk over loopback REST, against hand-computed fills: limits rest and fill as maker at their price, marketable
/// limits as taker at the print, market orders walk prints, fees (maker 0.02 %, taker 0.05 %), realised PnL and the
/// wallet, IOC/FOK, cancel, modify, conditional orders through the Algo Service, and the user events of each change.
/// </summary>
public sealed class DeskMatchingTests
{
    [Fact]
    public async Task RestingLimit_FillsAsMakerAtItsPrice_ThenMarketSellWalksPrints_PnlAndFeesAsComputedByHand()
    {
        await using var h = await TradingHarness.StartAsync();
        var (status, order) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000");
        Assert.Equal(200, status);
        Assert.Equal("NEW", order.GetProperty("status").GetString());
        long id = order.GetProperty("orderId").GetInt64();

        h.Print("40100", "1");          // above the bid: nothing
        h.Print("39990", "0.004", 2);   // through it: 0.004 of the print, at the limit
        h.Print("40000", "1", 3);       // at it: the other 0.006
        var (_, filled) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal("FILLED", filled.GetProperty("status").GetString());
        Assert.Equal("40000.00", filled.GetProperty("avgPrice").GetString());
        Assert.Equal("0.010", filled.GetProperty("executedQty").GetString());
        Assert.Equal("400.00000", filled.GetProperty("cumQuote").GetString());

        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010");
        h.Print("40500", "0.003", 4);   // the market sell takes this print's 0.003
        h.Print("40600", "1", 5);       // and the rest here
        var (_, trades) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT");
        Assert.Equal(4, trades.GetArrayLength());
        // maker 0.0002 × 0.004 × 40000 = 0.032; 0.0002 × 0.006 × 40000 = 0.048; taker 0.0005 × 0.003 × 40500 = 0.06075, 0.0005 × 0.007 × 40600 = 0.1421
        Assert.Equal(["0.03200000", "0.04800000", "0.06075000", "0.14210000"], trades.EnumerateArray().Select(t => t.GetProperty("commission").GetString()!));
        Assert.Equal([true, true, false, false], trades.EnumerateArray().Select(t => t.GetProperty("maker").GetBoolean()));
        // realised: 0.003 × 500 + 0.007 × 600 = 5.7
        Assert.Equal(["0.00000000", "0.00000000", "1.50000000", "4.20000000"], trades.EnumerateArray().Select(t => t.GetProperty("realizedPnl").GetString()!));

        // wallet: 10000 − 0.08 + 5.7 − 0.20285 = 10005.41715
        var (_, balance) = await h.CallAsync(HttpMethod.Get, "/fapi/v2/balance", "");
        Assert.Equal("10005.41715000", balance[0].GetProperty("balance").GetString());
        var (_, positions) = await h.CallAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.000", positions[0].GetProperty("positionAmt").GetString());
    }

    [Fact]
    public async Task LimitMarketableOnArrival_FillsAsTakerAtThePrint()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40100");
        h.Print("39950", "1", 2);
        var (_, trades) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT");
        JsonElement t = trades[0];
        Assert.Equal("39950.00", t.GetProperty("price").GetString());
        Assert.False(t.GetProperty("maker").GetBoolean());
        Assert.Equal("0.19975000", t.GetProperty("commission").GetString()); // 0.0005 × 399.5
        var (_, risk) = await h.CallAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.010", risk[0].GetProperty("positionAmt").GetString());
        Assert.Equal("39950.00", risk[0].GetProperty("entryPrice").GetString());
    }

    [Fact]
    public async Task Ioc_ExpiresWhatTheNextPrintDidNotFill_FokFillsWholeOrExpires()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40100", "1");
        var (_, ioc) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.010&price=40000");
        var (_, fok) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=FOK&quantity=0.010&price=40000");
        h.Print("39990", "0.004", 2); // IOC takes 0.004 and expires the rest; FOK cannot have all 0.010 here
        var (_, i) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={ioc.GetProperty("orderId").GetInt64()}");
        var (_, f) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={fok.GetProperty("orderId").GetInt64()}");
        Assert.Equal(("EXPIRED", "0.004"), (i.GetProperty("status").GetString(), i.GetProperty("executedQty").GetString()));
        Assert.Equal(("EXPIRED", "0.000"), (f.GetProperty("status").GetString(), f.GetProperty("executedQty").GetString()));
    }

    [Fact]
    public async Task Cancel_ThenCancelAgainIsMinus2011_UnknownQueryIsMinus2013_ModifyIsAnAmendment()
    {
        await using var h = await TradingHarness.StartAsync();
        var (_, o) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000&newClientOrderId=mine-1");
        var (_, modified) = await h.CallAsync(HttpMethod.Put, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=mine-1&side=BUY&quantity=0.020&price=39000");
        Assert.Equal(("39000.00", "0.020"), (modified.GetProperty("price").GetString(), modified.GetProperty("origQty").GetString()));
        var (_, open) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(1, open.GetArrayLength());
        var (s1, canceled) = await h.CallAsync(HttpMethod.Delete, "/fapi/v1/order", $"symbol=BTCUSDT&orderId={o.GetProperty("orderId").GetInt64()}");
        Assert.Equal((200, "CANCELED"), (s1, canceled.GetProperty("status").GetString()));
        var (s2, again) = await h.CallAsync(HttpMethod.Delete, "/fapi/v1/order", "symbol=BTCUSDT&origClientOrderId=mine-1");
        Assert.Equal((400, -2011), (s2, again.GetProperty("code").GetInt32()));
        var (_, unknown) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/order", "symbol=BTCUSDT&orderId=12345");
        Assert.Equal(-2013, unknown.GetProperty("code").GetInt32());
        Assert.Equal(["NEW", "AMENDMENT", "CANCELED"], h.Events.Where(e => e.Type == "ORDER_TRADE_UPDATE").Select(e => Execution(e.Json)));
    }

    [Fact]
    public async Task StopMarketAlgo_TriggersOnThePrintThroughIt_FillsThere_AndReportsEachStep()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010");
        h.Print("40000", "1", 2);
        var (status, algo) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", "algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=STOP_MARKET&quantity=0.010&triggerPrice=39000&reduceOnly=true&clientAlgoId=stop-1");
        Assert.Equal(200, status);
        long algoId = algo.GetProperty("algoId").GetInt64();
        h.Print("39500", "1", 3);           // above the stop
        h.Print("38990", "1", 4);           // through it: triggers, and the market order fills on this print
        var (_, done) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/algoOrder", $"algoId={algoId}");
        Assert.Equal("FINISHED", done.GetProperty("algoStatus").GetString());
        Assert.Equal("38990.00", done.GetProperty("actualPrice").GetString());
        var (_, risk) = await h.CallAsync(HttpMethod.Get, "/fapi/v3/positionRisk", "symbol=BTCUSDT");
        Assert.Equal("0.000", risk[0].GetProperty("positionAmt").GetString());
        Assert.Equal(["NEW", "TRIGGERING", "TRIGGERED", "FINISHED"], h.Events.Where(e => e.Type == "ALGO_UPDATE").Select(e => Field(e.Json, "X")));
        var (_, open) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/openAlgoOrders", "");
        Assert.Equal(0, open.GetArrayLength());
    }

    [Fact]
    public async Task Fill_PublishesTradeLite_ThenOrderTradeUpdate_ThenAccountUpdate()
    {
        await using var h = await TradingHarness.StartAsync();
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
        h.Print("41000", "1");
        Assert.Equal(["ORDER_TRADE_UPDATE", "TRADE_LITE", "ORDER_TRADE_UPDATE", "ACCOUNT_UPDATE"], h.Events.Select(e => e.Type));
        using JsonDocument account = JsonDocument.Parse(h.Events[3].Json);
        JsonElement p = account.RootElement.GetProperty("a").GetProperty("P")[0];
        Assert.Equal(("0.002", "BOTH"), (p.GetProperty("pa").GetString(), p.GetProperty("ps").GetString()));
        // wallet 10000 − 0.0005 × 82 = 9999.959
        Assert.Equal("9999.95900000", account.RootElement.GetProperty("a").GetProperty("B")[0].GetProperty("wb").GetString());
    }

    private static string Execution(string json) => Field(json, "x");

    private static string Field(string json, string name)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("o").GetProperty(name).GetString()!;
    }
}
