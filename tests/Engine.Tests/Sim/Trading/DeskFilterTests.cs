using System.Net.Http;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// Each Binance rejection code the desk gives over REST, with Binance's recorded BTCUSDT filters (tick 0.01, step
/// 0.001, maxQty 1000, MIN_NOTIONAL 5, PERCENT_PRICE 1.15/0.85) and a last price of 40000 where the rule needs one.
/// </summary>
public sealed class DeskFilterTests
{
    [Theory]
    [InlineData("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000", -1121)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0&price=40000", -4003)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0105&price=40000", -1111)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1000.001&price=40000", -4005)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000.005", -4014)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=46000.01", -4016)]  // above 40000 × 1.15
    [InlineData("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.010&price=33999.99", -4024)] // below 40000 × 0.85
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=4000", -4024)]     // the band comes before the notional
    [InlineData("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.0001", -1111)]
    [InlineData("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.010&reduceOnly=true", -2022)]              // nothing to reduce
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=5.001&price=40000", -2019)]     // 200,040 > 10,000 × 20
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTX&quantity=0.010&price=40000", -5022)]     // at the last: would take
    [InlineData("symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=0.010&stopPrice=41000", -4120)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=TAKE_PROFIT&quantity=0.010&price=39000&stopPrice=39000", -4120)]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.010&price=40000", -1102)]                     // no timeInForce
    [InlineData("symbol=BTCUSDT&side=HOLD&type=LIMIT&timeInForce=GTC&quantity=0.010&price=40000", -1117)]
    public async Task NewOrder_BreakingARule_GetsItsCode(string order, int code)
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        var (status, body) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", order);
        Assert.Equal(400, status);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.Equal(0, h.Exchange.Desk.OrdersAccepted);
    }

    [Fact]
    public async Task MinNotional_IsMinus4164_ButNotForReduceOnly()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("4000", "1");
        var (_, small) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=4000"); // 4 < 5
        Assert.Equal(-4164, small.GetProperty("code").GetInt32());
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.002");
        h.Print("4000", "1", 2);
        var (status, _) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.001&price=4000&reduceOnly=true");
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Leverage_ChangesTheMarginCheck()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        const string order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=4.900&price=40000"; // 196,000
        var (status, lev) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=10");
        Assert.Equal((200, 10), (status, lev.GetProperty("leverage").GetInt32()));
        var (_, refused) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", order); // 196,000 > 10,000 × 10
        Assert.Equal(-2019, refused.GetProperty("code").GetInt32());
        await h.CallAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=20");
        var (ok, _) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", order);          // 196,000 ≤ 10,000 × 20
        Assert.Equal(200, ok);
        var (_, bad) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/leverage", "symbol=BTCUSDT&leverage=126");
        Assert.Equal(-4028, bad.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("algoType=CONDITIONAL&symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=0.010&triggerPrice=39000", -2021)]        // a buy stop below the last
    [InlineData("algoType=CONDITIONAL&symbol=BTCUSDT&side=SELL&type=TAKE_PROFIT_MARKET&quantity=0.010&triggerPrice=39000", -2021)] // a sell target below the last
    [InlineData("algoType=CONDITIONAL&symbol=BTCUSDT&side=BUY&type=STOP_MARKET&quantity=0.010&triggerPrice=41000.005", -4014)]
    [InlineData("algoType=CONDITIONAL&symbol=BTCUSDT&side=BUY&type=TRAILING_STOP_MARKET&quantity=0.010&triggerPrice=41000", -1116)]
    public async Task AlgoOrder_BreakingARule_GetsItsCode(string order, int code)
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        var (status, body) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", order);
        Assert.Equal(400, status);
        Assert.Equal(code, body.GetProperty("code").GetInt32());
    }
}
