using Engine.Binance.Live.Orders;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// Answers parsed from Binance's recorded payloads (Binance.Net's USD-M endpoint fixtures: POST /fapi/v1/order,
/// POST /fapi/v1/algoOrder, GET /fapi/v1/time; data/binance/rest/binance_net), Binance's documented error body and a
/// WS API envelope, with the values read off the fixtures by hand; the parse allocates nothing.
/// </summary>
public sealed class VenueAnswerParserTests
{
    [Fact]
    public void PlaceOrderAnswer_BinanceFixture()
    {
        VenueAnswer a = Parse(Fixture("Trading_PlaceOrder.txt"));
        Assert.Equal((22542179L, VenueOrderStatus.New, 1566818724722L, 0L, 0), (a.OrderId, a.Status, a.UpdateTimeMs, a.ExecutedQtyE8, a.Code));
    }

    [Fact]
    public void PlaceAlgoOrderAnswer_BinanceFixture()
    {
        VenueAnswer a = Parse(Fixture("Trading_PlaceConditionalOrder.txt"));
        Assert.Equal((2146760L, VenueOrderStatus.New, 1750485492076L, 0L), (a.AlgoId, a.Status, a.UpdateTimeMs, a.OrderId));
    }

    [Fact]
    public void ServerTime_BinanceFixture() => Assert.Equal(1499827319559, Parse(Fixture("ExchangeData_GetServerTime.txt")).ServerTimeMs);

    [Fact]
    public void ErrorBody_AndBinancesCode200Success()
    {
        Assert.Equal(-2021, Parse("""{"code":-2021,"msg":"Order would immediately trigger."}"""u8.ToArray()).Code);
        Assert.Equal(0, Parse("""{"code":200,"msg":"The operation of cancel all open order is done."}"""u8.ToArray()).Code);
        Assert.Equal(0, Parse("""{"algoId":5,"clientAlgoId":"eng-5","code":"200","msg":"success"}"""u8.ToArray()).Code);
    }

    [Fact]
    public void WsApiEnvelope_StatusResultAndRateLimits()
    {
        byte[] frame = """
            {"id":42,"status":200,"result":{"orderId":325078477,"symbol":"BTCUSDT","status":"NEW","clientOrderId":"eng-1","executedQty":"0.000","updateTime":1703235545990},
             "rateLimits":[{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":300,"count":1},
                           {"rateLimitType":"ORDERS","interval":"MINUTE","intervalNum":1,"limit":1200,"count":3},
                           {"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400,"count":17}]}
            """u8.ToArray();
        var a = default(VenueAnswer);
        a.Clear();
        Assert.True(VenueAnswerParser.TryParseWsApi(frame, ref a, out long id));
        Assert.Equal((42L, 200, 325078477L, VenueOrderStatus.New), (id, a.HttpStatus, a.OrderId, a.Status));
        Assert.Equal((1, 3, 17), (a.OrderCount10s, a.OrderCount1m, a.UsedWeight1m));

        a.Clear();
        Assert.True(VenueAnswerParser.TryParseWsApi("""{"id":"7","status":400,"error":{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}}"""u8, ref a, out id));
        Assert.Equal((7L, 400, -1021), (id, a.HttpStatus, a.Code));
    }

    [Fact]
    public void NotJson_IsRefused_AndNothingThrows()
    {
        var a = default(VenueAnswer);
        Assert.False(VenueAnswerParser.TryParseRest("<html>502 Bad Gateway</html>"u8, ref a));
        Assert.False(VenueAnswerParser.TryParseRest("{\"orderId\":"u8, ref a));
        Assert.False(VenueAnswerParser.TryParseWsApi("{\"id\":1,\"status\":"u8, ref a, out _));
    }

    [Fact]
    public void Parse_WarmPath_AllocatesNothing()
    {
        byte[] body = Fixture("Trading_PlaceOrder.txt");
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                var a = default(VenueAnswer);
                if (!VenueAnswerParser.TryParseRest(body, ref a))
                {
                    throw new InvalidOperationException("fixture did not parse");
                }
            }
        });
    }

    /// <summary>The JSON body of a Binance.Net endpoint fixture (method, path and a flag on the first three lines).</summary>
    internal static byte[] Fixture(string name)
    {
        string[] lines = File.ReadAllLines(RepoData.Path("binance", "rest", "binance_net", "UsdFutures_Endpoints", name));
        return System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(3)));
    }

    private static VenueAnswer Parse(byte[] body)
    {
        var a = default(VenueAnswer);
        a.Clear();
        Assert.True(VenueAnswerParser.TryParseRest(body, ref a));
        return a;
    }
}
