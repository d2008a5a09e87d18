using System.Text;
using Engine.Binance.Json;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Json;

/// <summary>
/// The fast path (Binance's exact byte layout) must give what the general key-by-key path gives, value for value and
/// reason for reason, on every frame: the canonical layouts and every way of leaving them.
/// </summary>
public class TradeFrameParserFastPathTests
{
    private const string FuturesAggTrade =
        """{"e":"aggTrade","E":1723161256322,"a":2253770001,"s":"BTCUSDT","p":"61800.30","q":"0.006","f":5266583935,"l":5266583937,"T":1723161256320,"m":false}""";

    private const string SpotAggTrade =
        """{"e":"aggTrade","E":1617566591315,"s":"BTCUSDT","a":665076760,"p":"58001.03000000","q":"0.08620500","f":745522877,"l":745522877,"T":1617566591314,"m":true,"M":true}""";

    private const string FuturesTrade =
        """{"e":"trade","E":1723161256322,"T":1723161256320,"s":"ETHUSDT","t":4308068523,"p":"2681.62","q":"1.000","X":"MARKET","m":true}""";

    private const string SpotTrade =
        """{"e":"trade","E":1723161255612,"s":"ETHUSDT","t":1520538925,"p":"2683.80000000","q":"0.00200000","T":1723161255611,"m":true,"M":true}""";

    private static readonly string[] Canonical = [FuturesAggTrade, SpotAggTrade, FuturesTrade, SpotTrade];

    // 1000PEPEUSDT (12), BTCUSDT_240927 (14, a delivery contract), 15 and 16 bytes around the fast path's limit.
    private readonly SymbolRegistry _symbols = new(["BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDT_240927", "ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNOP"]);

    public static TheoryData<string> CanonicalFrames()
    {
        var data = new TheoryData<string>();
        foreach (string frame in Canonical)
        {
            data.Add(frame);
            data.Add(Wrap(frame));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CanonicalFrames))]
    public void CanonicalFrames_TakeTheFastPath(string frame)
    {
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);

        Assert.True(parser.TryParseFast(Encoding.UTF8.GetBytes(frame), ref slot, out FrameParseResult result));
        Assert.Equal(FrameParseResult.Trade, result);
        AssertSameAsGeneral(frame);
    }

    [Fact]
    public void FuturesAggTrade_FastPath_GivesTheValuesInTheText()
    {
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);

        Assert.True(parser.TryParseFast(Encoding.UTF8.GetBytes(Wrap(FuturesAggTrade)), ref slot, out _));
        Trade t = slot.Trade;
        Assert.Equal(EventKind.Trade, slot.Kind);
        Assert.Equal(0, t.Symbol.Value);
        Assert.True(t.IsAggregate);
        Assert.Equal(2253770001, t.Id);
        Assert.Equal(5266583935, t.FirstTradeId);
        Assert.Equal(5266583937, t.LastTradeId);
        Assert.Equal(6_180_030_000_000, t.Price.E8);
        Assert.Equal(600_000, t.Quantity.E8);
        Assert.Equal(1723161256320, t.TradeTimeMs);
        Assert.Equal(1723161256322, t.EventTimeMs);
        Assert.False(t.BuyerIsMaker);
        Assert.Equal(TradeType.Market, t.Type);
    }

    [Theory]
    [MemberData(nameof(CanonicalFrames))]
    public void KeysReordered_GiveTheSameTrade(string frame)
    {
        // Rotating the members after "e" and moving "e" last: the general path's layouts.
        string body = Body(frame);
        string[] members = SplitMembers(body);
        string rotated = "{" + string.Join(',', members[2..]) + "," + members[1] + "," + members[0] + "}";
        string eLast = "{" + string.Join(',', members[1..]) + "," + members[0] + "}";

        AssertSameTrade(frame, rotated);
        AssertSameTrade(frame, eLast);
        AssertSameTrade(frame, Wrap(eLast));
    }

    [Theory]
    [MemberData(nameof(CanonicalFrames))]
    public void Whitespace_GivesTheSameTrade(string frame)
    {
        AssertSameTrade(frame, " " + frame);
        AssertSameTrade(frame, frame + "\n");
        AssertSameTrade(frame, frame.Replace(",", " ,\t", StringComparison.Ordinal));
        AssertSameTrade(frame, frame.Replace(":", ": ", StringComparison.Ordinal));
        AssertSameTrade(frame, frame.Replace("{", "{\r\n", StringComparison.Ordinal).Replace("}", " }", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"x\":1")]
    [InlineData("\"st\":\"some text\"")]
    [InlineData("\"Z\":null")]
    [InlineData("\"n\":{\"a\":[1,2,{\"s\":\"XRPUSDT\"}]}")]
    [InlineData("\"b\":123")] // spot's buyer order id: known to the fast path as an ignored key
    public void ExtraUnknownKey_GivesTheSameTrade(string member)
    {
        foreach (string frame in Canonical)
        {
            string first = frame.Replace("\"E\":", member + ",\"E\":", StringComparison.Ordinal);
            string last = frame[..^1] + "," + member + "}";
            AssertSameTrade(frame, first);
            AssertSameTrade(frame, last);
            AssertSameTrade(Wrap(frame), Wrap(last));
        }
    }

    [Fact]
    public void EveryTruncation_GivesTheGeneralPathsReason()
    {
        foreach (string frame in Canonical)
        {
            foreach (string candidate in new[] { frame, Wrap(frame) })
            {
                byte[] bytes = Encoding.UTF8.GetBytes(candidate);
                for (int n = 0; n < bytes.Length; n++)
                {
                    FrameParseResult result = AssertSameAsGeneral(bytes.AsSpan(0, n));
                    Assert.NotEqual(FrameParseResult.Trade, result);
                }
            }
        }
    }

    [Fact]
    public void EveryByteReplacedOrDropped_GivesTheGeneralPathsAnswer()
    {
        byte[] replacements = " \t\"\\{}[],:.-+0159eEx\0"u8.ToArray();
        foreach (string frame in Canonical)
        {
            foreach (string candidate in new[] { frame, Wrap(frame) })
            {
                byte[] bytes = Encoding.UTF8.GetBytes(candidate);
                for (int i = 0; i < bytes.Length; i++)
                {
                    byte[] mutated = (byte[])bytes.Clone();
                    foreach (byte r in replacements)
                    {
                        mutated[i] = r;
                        AssertSameAsGeneral(mutated);
                    }

                    AssertSameAsGeneral([.. bytes.AsSpan(0, i), .. bytes.AsSpan(i + 1)]);
                    AssertSameAsGeneral([.. bytes.AsSpan(0, i + 1), .. bytes.AsSpan(i)]);
                }
            }
        }
    }

    [Theory]
    [InlineData("\"E\":1723161256322", "\"E\":123456789012345678", FrameParseResult.Trade)]    // 18 digits: the most a field holds
    [InlineData("\"E\":1723161256322", "\"E\":1234567890123456789", FrameParseResult.NumberOverflow)]
    [InlineData("\"a\":2253770001", "\"a\":000000000000000000000002253770001", FrameParseResult.NumberOverflow)]
    [InlineData("\"f\":5266583935", "\"f\":-5266583935", FrameParseResult.Trade)]
    [InlineData("\"l\":5266583937", "\"l\":5266583937.0", FrameParseResult.BadNumber)]
    [InlineData("\"T\":1723161256320", "\"T\":0", FrameParseResult.Trade)]
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"9999999999.99999999\"", FrameParseResult.Trade)] // 10 + 8 digits
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"12345678901.5\"", FrameParseResult.Trade)]       // 11 integer digits: general path only
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"99999999999.9\"", FrameParseResult.BadPrice)]    // past long.MaxValue in 1e-8
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"61800.123456789\"", FrameParseResult.BadPrice)]  // a 9th decimal
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"61800.300000000\"", FrameParseResult.Trade)]     // a 9th decimal that is zero
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"61800.\"", FrameParseResult.Trade)]
    [InlineData("\"p\":\"61800.30\"", "\"p\":\".5\"", FrameParseResult.Trade)]
    [InlineData("\"p\":\"61800.30\"", "\"p\":\"0.00000000\"", FrameParseResult.BadPrice)]
    [InlineData("\"p\":\"61800.30\"", "\"p\":61800.30", FrameParseResult.Trade)]
    [InlineData("\"q\":\"0.006\"", "\"q\":\"0.00000001\"", FrameParseResult.Trade)]
    [InlineData("\"q\":\"0.006\"", "\"q\":\"0.000000001\"", FrameParseResult.BadQuantity)]
    [InlineData("\"q\":\"0.006\"", "\"q\":\"00000000000000000000.006\"", FrameParseResult.BadQuantity)]
    [InlineData("\"m\":false", "\"m\":true", FrameParseResult.Trade)]
    [InlineData("\"m\":false", "\"m\":False", FrameParseResult.InvalidJson)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"btcusdt\"", FrameParseResult.Trade)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"BTCUSD\"", FrameParseResult.UnknownSymbol)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"BTCUSDTT\"", FrameParseResult.UnknownSymbol)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"\"", FrameParseResult.UnknownSymbol)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"BTC\\u0055SDT\"", FrameParseResult.EscapedString)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"1000PEPEUSDT\"", FrameParseResult.Trade)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"BTCUSDT_240927\"", FrameParseResult.Trade)]
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"ABCDEFGHIJKLMNO\"", FrameParseResult.Trade)]   // 15 bytes: the fast path's longest
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"ABCDEFGHIJKLMNOP\"", FrameParseResult.Trade)]  // 16: handed to the general path
    [InlineData("\"s\":\"BTCUSDT\"", "\"s\":\"ABCDEFGHIJKLMN\"", FrameParseResult.UnknownSymbol)]
    [InlineData("\"m\":false", "\"m\":false,\"X\":\"ADL\"", FrameParseResult.Trade)]
    [InlineData("\"m\":false", "\"m\":false,\"E\":1", FrameParseResult.Trade)]              // a repeated key: the last one counts
    [InlineData("\"m\":false", "\"m\":false,\"m\":true", FrameParseResult.Trade)]
    [InlineData(",\"m\":false", "", FrameParseResult.MissingField)]
    [InlineData("\"a\":2253770001,", "", FrameParseResult.MissingField)]
    public void AggTradeField_Variants_GiveTheGeneralPathsAnswer(string member, string replacement, FrameParseResult expected)
    {
        string frame = FuturesAggTrade.Replace(member, replacement, StringComparison.Ordinal);
        Assert.NotEqual(FuturesAggTrade, frame);

        Assert.Equal(expected, AssertSameAsGeneral(frame));
        Assert.Equal(expected, AssertSameAsGeneral(Wrap(frame)));
    }

    [Fact]
    public void IdsOfEveryLength_InEveryPosition_GiveTheGeneralPathsAnswer()
    {
        // 1 to 20 digits in each id and time field, first and last in the frame, raw and wrapped: the word-at-a-time
        // readers change strategy at 8 and 16 digits and near the end of the frame.
        foreach (string member in new[] { "\"E\":1723161256322", "\"a\":2253770001", "\"f\":5266583935", "\"l\":5266583937", "\"T\":1723161256320" })
        {
            string key = member[..4];
            for (int digits = 1; digits <= 20; digits++)
            {
                string number = string.Concat(Enumerable.Range(0, digits).Select(i => (char)('1' + ((i * 7) % 9))));
                string frame = FuturesAggTrade.Replace(member, key + number, StringComparison.Ordinal);
                string last = FuturesAggTrade.Replace(member + ",", "", StringComparison.Ordinal)[..^1] + "," + key + number + "}";
                FrameParseResult expected = digits <= 18 ? FrameParseResult.Trade : FrameParseResult.NumberOverflow;
                foreach (string candidate in new[] { frame, Wrap(frame), last, Wrap(last) })
                {
                    var parser = new TradeFrameParser(_symbols);
                    var slot = default(EngineEvent);
                    Assert.Equal(expected, AssertSameAsGeneral(candidate));
                    if (expected == FrameParseResult.Trade && key == "\"E\":")
                    {
                        parser.TryParse(Encoding.UTF8.GetBytes(candidate), ref slot);
                        Assert.Equal(long.Parse(number, System.Globalization.CultureInfo.InvariantCulture), slot.Trade.EventTimeMs);
                    }
                }
            }
        }
    }

    [Fact]
    public void DecimalsOfEveryShape_GiveTheGeneralPathsAnswer()
    {
        // 0 to 12 integer digits, with no dot, a bare dot, or 1 to 10 decimals, as the price and as the quantity.
        for (int intDigits = 0; intDigits <= 12; intDigits++)
        {
            for (int fracDigits = -1; fracDigits <= 10; fracDigits++)
            {
                string text = new string('7', intDigits) + (fracDigits < 0 ? "" : "." + new string('3', fracDigits));
                foreach (string member in new[] { "\"p\":\"61800.30\"", "\"q\":\"0.006\"" })
                {
                    string frame = FuturesAggTrade.Replace(member, member[..5] + text + "\"", StringComparison.Ordinal);
                    FrameParseResult result = AssertSameAsGeneral(frame);
                    AssertSameAsGeneral(Wrap(frame));
                    if (intDigits is >= 1 and <= 10 && fracDigits is >= 0 and <= 8)
                    {
                        Assert.Equal(FrameParseResult.Trade, result);
                    }
                }
            }
        }
    }

    [Fact]
    public void PriceWithNineDecimals_IsRefusedByBothPaths()
    {
        string frame = FuturesAggTrade.Replace("61800.30", "61800.123456789", StringComparison.Ordinal);

        Assert.Equal(FrameParseResult.BadPrice, AssertSameAsGeneral(frame));
    }

    [Fact]
    public void UnknownSymbol_IsAnsweredByTheFastPathAsTheGeneralPathDoes()
    {
        byte[] frame = Encoding.UTF8.GetBytes(FuturesAggTrade.Replace("BTCUSDT", "XRPUSDT", StringComparison.Ordinal));
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);

        Assert.True(parser.TryParseFast(frame, ref slot, out FrameParseResult fast));
        Assert.Equal(FrameParseResult.UnknownSymbol, fast);
        Assert.Equal(EventKind.None, slot.Kind);
        Assert.Equal(FrameParseResult.UnknownSymbol, AssertSameAsGeneral(frame));
    }

    [Fact]
    public void RegisteredSymbolWithABackslash_IsRefusedAsEscapedEveryTime()
    {
        // The registry accepts a backslash; on the wire it starts an escape, which the parser refuses, cached or not.
        var parser = new TradeFrameParser(new SymbolRegistry(["BTCUSDT", "AB\\CD"]));
        byte[] frame = Encoding.UTF8.GetBytes(FuturesAggTrade.Replace("BTCUSDT", "AB\\CD", StringComparison.Ordinal));
        var slot = default(EngineEvent);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(FrameParseResult.EscapedString, parser.TryParse(frame, ref slot));
        }

        Assert.Equal(EventKind.None, slot.Kind);
    }

    [Theory]
    [InlineData("""{"data":{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"1","f":1,"l":1,"T":1,"m":false},"stream":"btcusdt@aggTrade"}""")]
    [InlineData("""{"stream":"btc\"usdt@aggTrade","data":{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"1","f":1,"l":1,"T":1,"m":false}}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"1","f":1,"l":1,"T":1,"m":false},"x":{}}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"1","f":1,"l":1,"T":1,"m":false}}}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1,"a":2,"s":"BTCUSDT","p":"1","q":"1","f":1,"l":1,"T":1,"m":false}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"depthUpdate","E":1,"a":2,"s":"BTCUSDT"}}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"depth\"Update","E":1}}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade"}}""")]
    [InlineData("""{"stream":"btcusdt@aggTrade","data":{"e":"trade""")]
    [InlineData("""{"stream":"x","data":{"e":"bookTicker","u":1,"s":"BTCUSDT","b":"1","B":"2","a":"3","A":"4"}}""")]
    [InlineData("""{"e":"depthUpdate","E":1723161256299,"T":1723161256298,"s":"BTCUSDT","b":[["58710.20","0.014"]],"a":[]}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","m":true}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","m":tru}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","m":fals}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","X":"MARKET"}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","m":true,"X":"MARKET"}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","m":true,"X":"INSURANCE_FUND"}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","t":3,"p":"1","q":"1","m":true,"X":"MARKETS"}""")]
    [InlineData("""{"e":"trade","E":1,"T":2,"s":"ETHUSDT","a":3,"p":"1","q":"1","m":true}""")]
    public void EnvelopeAndLayoutVariants_GiveTheGeneralPathsAnswer(string frame)
    {
        AssertSameAsGeneral(frame);
    }

    [Fact]
    public void StreamNamesOfEveryLength_GiveTheGeneralPathsAnswer()
    {
        // The fast path looks for the name's closing quote in one 32-byte read and past that with a search.
        for (int length = 0; length <= 40; length++)
        {
            string name = new('x', length);
            foreach (string inner in Canonical)
            {
                string frame = "{\"stream\":\"" + name + "\",\"data\":" + inner + "}";
                Assert.Equal(FrameParseResult.Trade, AssertSameAsGeneral(frame));
                if (length > 0)
                {
                    AssertSameAsGeneral(frame.Replace(name, name[..^1] + "\\", StringComparison.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void ManySymbols_EachResolvesToItsOwnId()
    {
        // More symbols than the fast path's cache has entries, so entries are replaced while frames go by.
        string[] names = Enumerable.Range(0, 100).Select(i => $"S{i}USDT").ToArray();
        var registry = new SymbolRegistry(names);
        var parser = new TradeFrameParser(registry);
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < names.Length; i++)
            {
                var slot = default(EngineEvent);
                byte[] frame = Encoding.UTF8.GetBytes(FuturesAggTrade.Replace("BTCUSDT", names[(i * 37) % names.Length], StringComparison.Ordinal));

                Assert.True(parser.TryParseFast(frame, ref slot, out FrameParseResult result));
                Assert.Equal(FrameParseResult.Trade, result);
                Assert.Equal(names[(i * 37) % names.Length], registry.NameOf(slot.Trade.Symbol));
            }
        }
    }

    [Fact]
    public void FastPath_WarmWithManySymbols_AllocatesNothing()
    {
        var parser = new TradeFrameParser(_symbols);
        byte[][] frames = Canonical.SelectMany(f => new[] { f, Wrap(f), f.Replace("BTCUSDT", "1000PEPEUSDT", StringComparison.Ordinal), f.Replace("ETHUSDT", "XRPUSDT", StringComparison.Ordinal) })
            .Select(Encoding.UTF8.GetBytes).ToArray();
        var slot = default(EngineEvent);

        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                parser.TryParse(frames[i % frames.Length], ref slot);
            }
        });
        Assert.Equal(0, parser.Stats.Malformed - parser.Stats.Count(FrameParseResult.UnknownSymbol));
    }

    private static string Wrap(string frame)
    {
        string kind = frame.Contains("aggTrade", StringComparison.Ordinal) ? "aggTrade" : "trade";
        return "{\"stream\":\"btcusdt@" + kind + "\",\"data\":" + frame + "}";
    }

    private static string Body(string frame) => frame.StartsWith("{\"stream\"", StringComparison.Ordinal) ? frame[(frame.IndexOf("\"data\":", StringComparison.Ordinal) + 7)..^1] : frame;

    // The frames here hold no comma inside a value, so members split on ','.
    private static string[] SplitMembers(string body) => body[1..^1].Split(',');

    private void AssertSameTrade(string expectedFrame, string frame)
    {
        var parser = new TradeFrameParser(_symbols);
        var expected = default(EngineEvent);
        var actual = default(EngineEvent);

        Assert.Equal(FrameParseResult.Trade, parser.ParseGeneral(Encoding.UTF8.GetBytes(expectedFrame), ref expected));
        Assert.Equal(FrameParseResult.Trade, parser.TryParse(Encoding.UTF8.GetBytes(frame), ref actual));
        Assert.Equal(expected.Trade, actual.Trade);
        Assert.Equal(FrameParseResult.Trade, AssertSameAsGeneral(frame));
    }

    private FrameParseResult AssertSameAsGeneral(string frame) => GeneralPathOracle.AssertSame(Encoding.UTF8.GetBytes(frame), _symbols);

    private FrameParseResult AssertSameAsGeneral(ReadOnlySpan<byte> frame) => GeneralPathOracle.AssertSame(frame, _symbols);
}
