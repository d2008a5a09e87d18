using System.Text;
using Engine.Binance.Json;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Json;

public class TradeFrameParserTests
{
    private const string AggTrade =
        """{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"CTKUSDT","p":"1.01100","q":"10","f":23961322,"l":23961325,"T":1626992741421,"m":false}""";

    private const string FuturesTrade =
        """{"e":"trade","E":1723161256322,"T":1723161256320,"s":"BTCUSDT","t":5266583935,"p":"61800.30","q":"0.006","X":"MARKET","m":true}""";

    private readonly SymbolRegistry _symbols = new(["BTCUSDT", "ETHUSDT", "CTKUSDT"]);

    private (FrameParseResult Result, EngineEvent Slot, TradeFrameParser Parser) Parse(string frame)
    {
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);
        FrameParseResult result = parser.TryParse(Encoding.UTF8.GetBytes(frame), ref slot);
        return (result, slot, parser);
    }

    [Fact]
    public void AggTrade_Raw_FillsEveryField()
    {
        var (result, slot, parser) = Parse(AggTrade);

        Assert.Equal(FrameParseResult.Trade, result);
        Assert.Equal(EventKind.Trade, slot.Kind);
        Trade t = slot.Trade;
        Assert.Equal(2, t.Symbol.Value);
        Assert.True(t.IsAggregate);
        Assert.Equal(16599292, t.Id);
        Assert.Equal(23961322, t.FirstTradeId);
        Assert.Equal(23961325, t.LastTradeId);
        Assert.Equal(101_100_000, t.Price.E8);
        Assert.Equal(1_000_000_000, t.Quantity.E8);
        Assert.Equal(1626992741421, t.TradeTimeMs);
        Assert.Equal(1626992741575, t.EventTimeMs);
        Assert.False(t.BuyerIsMaker);
        Assert.Equal(Side.Buy, t.TakerSide);
        Assert.Equal(TradeType.Market, t.Type);
        Assert.Equal(1, parser.Stats.Trades);
    }

    [Fact]
    public void Trade_InCombinedEnvelope_UsesTradeIdForAllIds()
    {
        string frame = """{"stream":"btcusdt@trade","data":""" + FuturesTrade + "}";
        var (result, slot, _) = Parse(frame);

        Assert.Equal(FrameParseResult.Trade, result);
        Trade t = slot.Trade;
        Assert.False(t.IsAggregate);
        Assert.Equal(5266583935, t.Id);
        Assert.Equal(5266583935, t.FirstTradeId);
        Assert.Equal(5266583935, t.LastTradeId);
        Assert.Equal(6_180_030_000_000, t.Price.E8);
        Assert.Equal(600_000, t.Quantity.E8);
        Assert.Equal(1723161256320, t.TradeTimeMs);
        Assert.True(t.BuyerIsMaker);
        Assert.Equal(Side.Sell, t.TakerSide);
    }

    [Fact]
    public void SpotTrade_OrderIdFieldsAAndB_AreNotMistakenForIds()
    {
        const string frame = """{"stream":"ethusdt@trade","data":{"e":"trade","E":1639351062244,"s":"ETHUSDT","t":705291099,"p":"4149.74000000","q":"0.43870000","b":7038593583,"a":7038593613,"T":1639351062243,"m":true,"M":true}}""";
        var (result, slot, _) = Parse(frame);

        Assert.Equal(FrameParseResult.Trade, result);
        Assert.Equal(705291099, slot.Trade.Id);
        Assert.Equal(705291099, slot.Trade.LastTradeId);
        Assert.Equal(43_870_000, slot.Trade.Quantity.E8);
    }

    [Fact]
    public void Fields_InAnyOrderWithWhitespaceAndUnknownFields_ParseTheSame()
    {
        const string shuffled = """
            { "m" : false , "T":1626992741421, "nested": {"x":[1,{"e":"depthUpdate"},"]"],"y":null}, "l":23961325,
              "q":"10", "st": 1, "f" :23961322, "p":"1.01100","s":"ctkusdt","a":16599292,"E":1626992741575,
              "e":"aggTrade", "flag": true, "neg": -1.5e-3 }
            """;
        var (expectedResult, expected, _) = Parse(AggTrade);
        var (result, slot, _) = Parse(shuffled);

        Assert.Equal(expectedResult, result);
        Assert.Equal(expected.Trade, slot.Trade);
    }

    [Theory]
    [InlineData("MARKET", TradeType.Market)]
    [InlineData("INSURANCE_FUND", TradeType.InsuranceFund)]
    [InlineData("ADL", TradeType.Adl)]
    [InlineData("NA", TradeType.Other)]
    public void FuturesTrade_KeepsItsTradeType(string x, TradeType expected)
    {
        var (result, slot, _) = Parse(FuturesTrade.Replace("\"MARKET\"", $"\"{x}\"", StringComparison.Ordinal));

        Assert.Equal(FrameParseResult.Trade, result);
        Assert.Equal(expected, slot.Trade.Type);
    }

    [Theory]
    [InlineData("""{"stream":"btcusdt@depth@0ms","data":{"e":"depthUpdate","E":1,"b":[["1","2"]],"a":[]}}""", FrameParseResult.SkippedUnknownEvent)]
    [InlineData("""{"e":"bookTicker","u":1,"s":"BTCUSDT","b":"1","B":"2","a":"3","A":"4"}""", FrameParseResult.SkippedUnknownEvent)]
    [InlineData("""{"lastUpdateId":1,"E":2,"T":3,"bids":[["1","2"]],"asks":[["3","4"]]}""", FrameParseResult.SkippedNoEventType)]
    [InlineData("""{"result":null,"id":1}""", FrameParseResult.SkippedNoEventType)]
    [InlineData("""{"stream":"btcusdt@bookTicker","data":{"u":1,"s":"BTCUSDT","b":"25.35","B":"31.2","a":"25.36","A":"40.6"}}""", FrameParseResult.SkippedNoEventType)]
    [InlineData("""{"a":[["1","2"]],"e":"depthUpdate"}""", FrameParseResult.SkippedUnknownEvent)]
    public void OtherEvents_AreSkippedAndCounted(string frame, FrameParseResult expected)
    {
        var (result, slot, parser) = Parse(frame);

        Assert.Equal(expected, result);
        Assert.Equal(EventKind.None, slot.Kind);
        Assert.Equal(1, parser.Stats.Skipped);
        Assert.Equal(0, parser.Stats.Malformed);
    }

    [Theory]
    [InlineData("", FrameParseResult.Empty)]
    [InlineData("   ", FrameParseResult.Empty)]
    [InlineData("garbage line", FrameParseResult.InvalidJson)]
    [InlineData("[1,2]", FrameParseResult.InvalidJson)]
    [InlineData("""{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"CTKUSDT","p":"1.01""", FrameParseResult.Truncated)]
    [InlineData("""{"e":"aggTrade","E":1626992741575,"a":16599292""", FrameParseResult.Truncated)]
    [InlineData("""{"e":"aggTrade","E":162699""", FrameParseResult.Truncated)]
    [InlineData("""{"e":"aggTrade","m":tr""", FrameParseResult.Truncated)]
    [InlineData("""{"e":"aggTrade","x":{"y":[1,2""", FrameParseResult.Truncated)]
    [InlineData("""{"e":"aggTrade","x":{"y":[1,2}]}""", FrameParseResult.InvalidJson)]
    [InlineData("""{"e":"aggTrade" "E":1}""", FrameParseResult.InvalidJson)]
    [InlineData("""{"e":"aggTrade","E":1} trailing""", FrameParseResult.InvalidJson)]
    [InlineData("""{"e":"aggT\u0072ade","E":1}""", FrameParseResult.EscapedString)]
    [InlineData("""{"e":"aggTrade","E":1,"a":2,"s":"CTKUSDT","p":"1","q":"1","f":1,"T":1,"m":false}""", FrameParseResult.MissingField)]
    [InlineData("""{"e":"aggTrade","E":1.5,"a":2}""", FrameParseResult.BadNumber)]
    [InlineData("""{"e":"aggTrade","E":"1","a":2}""", FrameParseResult.BadNumber)]
    [InlineData("""{"e":"aggTrade","E":1e3,"a":2}""", FrameParseResult.BadNumber)]
    [InlineData("""{"e":"aggTrade","E":12345678901234567890,"a":2}""", FrameParseResult.NumberOverflow)]
    [InlineData("""{"e":"aggTrade","m":yes}""", FrameParseResult.InvalidJson)]
    [InlineData("""{"e":"aggTrade","m":"yes"}""", FrameParseResult.BadBoolean)]
    [InlineData("""{"e":"aggTrade","s":7}""", FrameParseResult.BadFieldType)]
    [InlineData("""{"e":"aggTrade","p":{"x":1}}""", FrameParseResult.BadFieldType)]
    [InlineData("""{"a":"1.5","e":"aggTrade"}""", FrameParseResult.BadNumber)]
    public void MalformedFrames_GiveTheirReasonAndLeaveTheSlotAlone(string frame, FrameParseResult expected)
    {
        var (result, slot, parser) = Parse(frame);

        Assert.Equal(expected, result);
        Assert.Equal(EventKind.None, slot.Kind);
        Assert.Equal(1, parser.Stats.Malformed);
        Assert.Equal(1, parser.Stats.Count(expected));
        Assert.Equal(expected, parser.Stats.LastFailure);
    }

    [Theory]
    [InlineData("\"NaN\"", "\"10\"", FrameParseResult.BadPrice)]
    [InlineData("\"1.123456789\"", "\"10\"", FrameParseResult.BadPrice)]
    [InlineData("\"100000000000\"", "\"10\"", FrameParseResult.BadPrice)]
    [InlineData("\"0\"", "\"10\"", FrameParseResult.BadPrice)]
    [InlineData("\"-1\"", "\"10\"", FrameParseResult.BadPrice)]
    [InlineData("\"\"", "\"10\"", FrameParseResult.BadPrice)]
    [InlineData("\"1\"", "\"Infinity\"", FrameParseResult.BadQuantity)]
    [InlineData("\"1\"", "\"1.0.0\"", FrameParseResult.BadQuantity)]
    [InlineData("\"1\"", "\"0.000000000001\"", FrameParseResult.BadQuantity)]
    [InlineData("\"1\"", "\"1\\u0030\"", FrameParseResult.EscapedString)]
    public void BadPriceOrQuantity_IsRefusedNotRounded(string price, string quantity, FrameParseResult expected)
    {
        string frame = $$"""{"e":"aggTrade","E":1,"a":2,"s":"CTKUSDT","p":{{price}},"q":{{quantity}},"f":1,"l":1,"T":1,"m":false}""";

        Assert.Equal(expected, Parse(frame).Result);
    }

    [Fact]
    public void NumericPriceAndQuantity_AreAcceptedExactly()
    {
        const string frame = """{"e":"aggTrade","E":1,"a":2,"s":"CTKUSDT","p":1.25,"q":3,"f":1,"l":1,"T":1,"m":false}""";
        var (result, slot, _) = Parse(frame);

        Assert.Equal(FrameParseResult.Trade, result);
        Assert.Equal(125_000_000, slot.Trade.Price.E8);
        Assert.Equal(300_000_000, slot.Trade.Quantity.E8);
    }

    [Fact]
    public void UnknownSymbol_IsRefused()
    {
        Assert.Equal(FrameParseResult.UnknownSymbol, Parse(AggTrade.Replace("CTKUSDT", "XRPUSDT", StringComparison.Ordinal)).Result);
    }

    [Fact]
    public void EscapesInUnknownFieldsAndKeys_AreSkipped()
    {
        string frame = AggTrade.Replace("{", """{"note":"a \"quoted\" \\ value \u00e9","k\"ey":1,""", StringComparison.Ordinal);

        Assert.Equal(FrameParseResult.Trade, Parse(frame).Result);
    }

    [Fact]
    public void DeepNesting_IsRefusedAsTooDeep()
    {
        string frame = """{"x":""" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Equal(FrameParseResult.TooDeep, Parse(frame).Result);
    }

    [Fact]
    public void AfterMalformedFrames_GoodFramesStillParse()
    {
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);
        byte[] good = Encoding.UTF8.GetBytes(AggTrade);

        Assert.Equal(FrameParseResult.Truncated, parser.TryParse(good.AsSpan(0, 40), ref slot));
        Assert.Equal(FrameParseResult.InvalidJson, parser.TryParse("}{"u8, ref slot));
        Assert.Equal(FrameParseResult.Trade, parser.TryParse(good, ref slot));
        Assert.Equal(16599292, slot.Trade.Id);
        Assert.Equal(3, parser.Stats.Frames);
        Assert.Equal(2, parser.Stats.Malformed);
    }

    [Fact]
    public void EveryPrefixOfAFrame_NeverThrowsAndNeverYieldsATrade()
    {
        var parser = new TradeFrameParser(_symbols);
        byte[] frame = Encoding.UTF8.GetBytes("""{"stream":"btcusdt@trade","data":""" + FuturesTrade + "}");
        var slot = default(EngineEvent);
        for (int n = 0; n < frame.Length; n++)
        {
            FrameParseResult r = parser.TryParse(frame.AsSpan(0, n), ref slot);
            Assert.NotEqual(FrameParseResult.Trade, r);
        }

        Assert.Equal(FrameParseResult.Trade, parser.TryParse(frame, ref slot));
    }

    [Fact]
    public void TryParse_WarmPath_AllocatesNothing()
    {
        var parser = new TradeFrameParser(_symbols);
        byte[] raw = Encoding.UTF8.GetBytes(AggTrade);
        byte[] wrapped = Encoding.UTF8.GetBytes("""{"stream":"btcusdt@trade","data":""" + FuturesTrade + "}");
        byte[] depth = """{"stream":"x@depth","data":{"e":"depthUpdate","b":[["1","2"]]}}"""u8.ToArray();
        byte[] bad = "{\"e\":\"trade\",\"E\":1.5}"u8.ToArray();
        var slot = default(EngineEvent);

        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                parser.TryParse(raw, ref slot);
                parser.TryParse(wrapped, ref slot);
                parser.TryParse(depth, ref slot);
                parser.TryParse(bad, ref slot);
            }
        });
        Assert.Equal(40_000, parser.Stats.Trades);
    }
}
