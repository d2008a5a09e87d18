using System.Text;
using Engine.Binance.Json;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Json;

/// <summary><c>markPriceUpdate</c> frames (the <c>@markPrice@1s</c> stream) parsed into <see cref="EventKind.MarkPrice"/> slots.</summary>
public class MarkPriceFrameTests
{
    // Binance's documented example payload (USD-M "Mark Price Stream"), as in data/binance/ws/binance_net/.../MarkPrice.txt.
    private const string Raw =
        """{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"0.00038167","T":1562306400000}""";

    private readonly SymbolRegistry _symbols = new(["ETHUSDT", "BTCUSDT"]);

    private (FrameParseResult Result, EngineEvent Slot, TradeFrameParser Parser) Parse(string frame)
    {
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);
        FrameParseResult result = parser.TryParse(Encoding.UTF8.GetBytes(frame), ref slot);
        return (result, slot, parser);
    }

    [Fact]
    public void Raw_FillsSymbolPriceAndEventTime()
    {
        var (result, slot, parser) = Parse(Raw);

        Assert.Equal(FrameParseResult.MarkPrice, result);
        Assert.Equal(EventKind.MarkPrice, slot.Kind);
        Assert.Equal(1, slot.Mark.Symbol.Value);
        Assert.Equal(1_179_415_000_000, slot.Mark.Price.E8); // 11794.15 × 10^8
        Assert.Equal(1562305380000, slot.Mark.EventTimeMs);
        Assert.Equal(1, parser.Stats.MarkPrices);
        Assert.Equal(0, parser.Stats.Trades);
        Assert.Equal(0, parser.Stats.Malformed);
    }

    [Fact]
    public void CombinedEnvelope_AndPrettyPrinted_GiveTheSame()
    {
        string combined = "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":" + Raw + "}";
        string pretty = "{ \"stream\": \"btcusdt@markPrice@1s\",\n \"data\": {\n \"e\": \"markPriceUpdate\",\n \"E\": 1562305380000, \"s\": \"BTCUSDT\",\n"
            + " \"p\": \"11794.15000000\", \"i\": \"11784.62659091\", \"P\": \"11784.25641265\", \"r\": \"0.00038167\", \"T\": 1562306400000 } }";
        foreach (string frame in new[] { combined, pretty })
        {
            var (result, slot, _) = Parse(frame);
            Assert.Equal(FrameParseResult.MarkPrice, result);
            Assert.Equal(1_179_415_000_000, slot.Mark.Price.E8);
            Assert.Equal(1562305380000, slot.Mark.EventTimeMs);
        }
    }

    [Fact]
    public void FieldsBeforeTheEventType_AndANegativeFundingRate_AreRead()
    {
        var (result, slot, _) = Parse("""{"s":"ETHUSDT","p":"3000.5","r":"-0.00010000","E":1700000000123,"e":"markPriceUpdate","T":1700006400000}""");

        Assert.Equal(FrameParseResult.MarkPrice, result);
        Assert.Equal(0, slot.Mark.Symbol.Value);
        Assert.Equal(300_050_000_000, slot.Mark.Price.E8);
        Assert.Equal(1700000000123, slot.Mark.EventTimeMs);
    }

    [Theory]
    [InlineData("""{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT"}""", FrameParseResult.MissingField)]
    [InlineData("""{"e":"markPriceUpdate","s":"BTCUSDT","p":"1.5"}""", FrameParseResult.MissingField)]
    [InlineData("""{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"0"}""", FrameParseResult.BadPrice)]
    [InlineData("""{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"-1.5"}""", FrameParseResult.BadPrice)]
    [InlineData("""{"e":"markPriceUpdate","E":1562305380000,"s":"XRPUSDT","p":"1.5"}""", FrameParseResult.UnknownSymbol)]
    [InlineData("""{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"1.5""", FrameParseResult.Truncated)]
    public void BadMarkPriceFrames_AreNamedAndLeaveTheSlotUntouched(string frame, FrameParseResult expected)
    {
        var (result, slot, parser) = Parse(frame);

        Assert.Equal(expected, result);
        Assert.Equal(EventKind.None, slot.Kind);
        Assert.Equal(1, parser.Stats.Malformed);
        Assert.Equal(0, parser.Stats.MarkPrices);
    }

    [Fact]
    public void OtherEventsStillSkipped_AndTradesStillTrades()
    {
        var (book, _, _) = Parse("""{"e":"bookTicker","u":400900217,"E":1568014460893,"T":1568014460891,"s":"BTCUSDT","b":"25.35190000","B":"31.21000000","a":"25.36520000","A":"40.66000000"}""");
        var (trade, slot, _) = Parse("""{"e":"aggTrade","E":1626992741575,"a":16599292,"s":"BTCUSDT","p":"1.01100","q":"10","f":23961322,"l":23961325,"T":1626992741421,"m":false}""");

        Assert.Equal(FrameParseResult.SkippedUnknownEvent, book);
        Assert.Equal(FrameParseResult.Trade, trade);
        Assert.Equal(EventKind.Trade, slot.Kind);
    }

    [Fact]
    public void WarmPath_AllocatesNothing()
    {
        byte[] raw = Encoding.UTF8.GetBytes(Raw);
        byte[] combined = Encoding.UTF8.GetBytes("{\"stream\":\"btcusdt@markPrice@1s\",\"data\":" + Raw + "}");
        var parser = new TradeFrameParser(_symbols);
        var slot = default(EngineEvent);
        Allocations.AssertZero(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                parser.TryParse(raw, ref slot);
                parser.TryParse(combined, ref slot);
            }
        });
        Assert.Equal(40_000, parser.Stats.MarkPrices);
    }
}
