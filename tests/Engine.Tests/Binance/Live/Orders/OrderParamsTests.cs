using Engine.Binance.Live.Orders;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// The request parameters of each call, written by hand from Binance's parameter lists (binance-usdm §11.4), in
/// ordinal name order (the WS API's signature payload), and the WS API envelope; building them allocates nothing.
/// </summary>
public sealed class OrderParamsTests
{
    private static readonly OrderRequest LimitBuy = new(OrderCommand.Submit, new ClientOrderId(42), OrderId.None, new SymbolId(0), Side.Buy,
        OrderType.Limit, TimeInForce.Gtx, Price.Parse("43187.1"), Price.Zero, Quantity.Parse("0.010"), false, 0);

    [Fact]
    public void PlaceOrder_Limit()
    {
        Assert.Equal(
            "newClientOrderId=eng-42&price=43187.1&quantity=0.01&recvWindow=5000&side=BUY&symbol=BTCUSDT&timeInForce=GTX&timestamp=1700000000000&type=LIMIT",
            Text(VenueCall.PlaceOrder, LimitBuy));
    }

    [Fact]
    public void PlaceOrder_ReduceOnlyMarket()
    {
        var r = new OrderRequest(OrderCommand.Submit, new ClientOrderId(3), OrderId.None, new SymbolId(0), Side.Sell, OrderType.Market, TimeInForce.None, Price.Zero, Price.Zero, Quantity.Parse("1.5"), true, 0);
        Assert.Equal("newClientOrderId=eng-3&quantity=1.5&recvWindow=5000&reduceOnly=true&side=SELL&symbol=BTCUSDT&timestamp=1700000000000&type=MARKET", Text(VenueCall.PlaceOrder, r));
    }

    [Fact]
    public void PlaceAlgo_StopMarket()
    {
        var r = new OrderRequest(OrderCommand.Submit, new ClientOrderId(8), OrderId.None, new SymbolId(0), Side.Sell, OrderType.StopMarket, TimeInForce.None, Price.Zero, Price.Parse("42000"), Quantity.Parse("0.010"), true, 0);
        Assert.Equal(
            "algoType=CONDITIONAL&clientAlgoId=eng-8&quantity=0.01&recvWindow=5000&reduceOnly=true&side=SELL&symbol=BTCUSDT&timestamp=1700000000000&triggerPrice=42000&type=STOP_MARKET",
            Text(VenueCall.PlaceAlgo, r));
    }

    [Theory]
    [InlineData(VenueCall.CancelOrder, "origClientOrderId=eng-42&recvWindow=5000&symbol=BTCUSDT&timestamp=1700000000000")]
    [InlineData(VenueCall.QueryAlgo, "clientAlgoId=eng-42&recvWindow=5000&symbol=BTCUSDT&timestamp=1700000000000")]
    public void CancelAndQuery_ByClientId(VenueCall call, string expected) => Assert.Equal(expected, Text(call, LimitBuy));

    [Theory]
    [InlineData(VenueCall.PlaceOrder)]
    [InlineData(VenueCall.PlaceAlgo)]
    [InlineData(VenueCall.CancelOrder)]
    public void Parameters_AreInOrdinalNameOrder_TheWsApiPayload(VenueCall call)
    {
        string[] names = [.. Text(call, LimitBuy, apiKey: "K").Split('&').Select(p => p[..p.IndexOf('=', StringComparison.Ordinal)])];
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("apiKey", names);
    }

    [Fact]
    public void WsApiFrame_IsBinancesEnvelope()
    {
        using var q = new SignedQuery();
        OrderParams.Write(q, VenueCall.CancelOrder, in LimitBuy, "BTCUSDT"u8, "eng", 5000, 1700000000000);
        byte[] frame = new byte[512];
        int n = WsApiFrame.Write(frame, 17, "order.cancel"u8, q.Written);
        Assert.Equal(
            """{"id":17,"method":"order.cancel","params":{"origClientOrderId":"eng-42","recvWindow":5000,"symbol":"BTCUSDT","timestamp":1700000000000}}""",
            System.Text.Encoding.ASCII.GetString(frame, 0, n));
    }

    [Fact]
    public void Building_WarmPath_AllocatesNothing()
    {
        using var q = new SignedQuery();
        var signer = new HmacSha256Signer("secret"u8);
        byte[] frame = new byte[1024];
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                q.Reset();
                OrderParams.Write(q, VenueCall.PlaceOrder, in LimitBuy, "BTCUSDT"u8, "eng", 5000, 1700000000000 + i);
                q.Sign(signer);
                WsApiFrame.Write(frame, i, "order.place"u8, q.Written);
            }
        });
    }

    private static string Text(VenueCall call, in OrderRequest r, string? apiKey = null)
    {
        using var q = new SignedQuery();
        OrderParams.Write(q, call, in r, "BTCUSDT"u8, "eng", 5000, 1700000000000, apiKey);
        return q.ToString();
    }
}
