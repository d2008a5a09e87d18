using System.Text;
using Engine.Binance.Live.Market;
using Engine.Model;

namespace Engine.Tests.Binance.Live.Market;

public sealed class AggTradePageTests
{
    [Fact]
    public void BinanceDocumentedExample_ReadsEveryField()
    {
        // The response example of GET /fapi/v1/aggTrades in Binance's USD-M documentation (comments removed).
        byte[] json = Encoding.UTF8.GetBytes("""[{"a":26129,"p":"0.01633102","q":"4.70443515","f":27781,"l":27781,"T":1498793709153,"m":true}]""");
        var trades = new List<Trade>();
        Assert.True(AggTradePage.TryRead(json, new SymbolId(3), trades, out string? error), error);
        Trade t = Assert.Single(trades);
        Assert.Equal(new SymbolId(3), t.Symbol);
        Assert.Equal(26129, t.Id);
        Assert.Equal(1_633_102, t.Price.E8);        // 0.01633102 × 10^8
        Assert.Equal(470_443_515, t.Quantity.E8);   // 4.70443515 × 10^8
        Assert.Equal((27781L, 27781L), (t.FirstTradeId, t.LastTradeId));
        Assert.Equal(1498793709153, t.TradeTimeMs);
        Assert.Equal(1498793709153, t.EventTimeMs); // REST has no E
        Assert.True(t.BuyerIsMaker);
        Assert.True(t.IsAggregate);
        Assert.Equal(TradeType.Market, t.Type);
    }

    [Theory]
    [InlineData("""{"code":-1121,"msg":"Invalid symbol."}""")]
    [InlineData("""[{"a":1,"p":"1.0","q":"1.0","f":1,"l":1,"T":1}]""")]
    [InlineData("""[{"a":1,"p":"NaN","q":"1.0","f":1,"l":1,"T":1,"m":false}]""")]
    [InlineData("""[{"a":1,"p":"1.0","q":"1.0","f":1,"l":1,"T":1,"m":false}""")]
    public void NotAnAggTradesPage_IsRefusedWithAReason(string body)
    {
        var trades = new List<Trade>();
        Assert.False(AggTradePage.TryRead(Encoding.UTF8.GetBytes(body), new SymbolId(0), trades, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void EmptyArray_IsAnEmptyPage()
    {
        var trades = new List<Trade>();
        Assert.True(AggTradePage.TryRead("[]"u8, new SymbolId(0), trades, out _));
        Assert.Empty(trades);
    }
}
