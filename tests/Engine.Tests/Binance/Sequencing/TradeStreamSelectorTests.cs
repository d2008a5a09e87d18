using Engine.Binance.Sequencing;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Tests.Binance.Sequencing;

public class TradeStreamSelectorTests
{
    private static readonly SymbolId Btc = new(0);
    private static readonly SymbolId Eth = new(1);

    private static EngineEvent Trade(SymbolId symbol, long id, bool aggregate) =>
        new() { Kind = EventKind.Trade, Trade = new Trade { Symbol = symbol, Id = id, FirstTradeId = id, LastTradeId = id, IsAggregate = aggregate } };

    // BTC holds both streams (agg 1, raw 10, raw 11, agg 2, raw 12); ETH only raw trades; a mark price in between.
    private static List<EngineEvent> Input() =>
    [
        Trade(Btc, 1, true), Trade(Btc, 10, false), Trade(Eth, 500, false), Trade(Btc, 11, false),
        new EngineEvent { Kind = EventKind.MarkPrice, Mark = new MarkPrice { Symbol = Btc, Price = new Price(1) } },
        Trade(Btc, 2, true), Trade(Btc, 12, false), Trade(Eth, 501, false),
    ];

    private static List<string> Read(TradeStreamSelector feed)
    {
        var seen = new List<string>();
        var slot = default(EngineEvent);
        while (feed.TryReadNext(ref slot))
        {
            seen.Add(slot.Kind == EventKind.Trade ? $"{slot.Trade.Symbol.Value}:{slot.Trade.Id}" : slot.Kind.ToString());
        }

        return seen;
    }

    [Fact]
    public void SymbolHoldingBoth_KeepsAggTrade_ByDefault_AndCountsTheRest()
    {
        var selector = new TradeStreamSelector(new ListFeed(Input()), [true, false], keepAggregate: true);

        Assert.Equal(["0:1", "1:500", "MarkPrice", "0:2", "1:501"], Read(selector));
        Assert.Equal(3, selector.Dropped(Btc));
        Assert.Equal(0, selector.Dropped(Eth));
    }

    [Fact]
    public void SymbolHoldingBoth_KeepsTrade_WhenConfigured()
    {
        var selector = new TradeStreamSelector(new ListFeed(Input()), [true, false], keepAggregate: false);

        Assert.Equal(["0:10", "1:500", "0:11", "MarkPrice", "0:12", "1:501"], Read(selector));
        Assert.Equal(2, selector.Dropped(Btc));
    }

    [Fact]
    public void NoSymbolMarked_PassesEverything()
    {
        var selector = new TradeStreamSelector(new ListFeed(Input()), [false, false], keepAggregate: true);

        Assert.Equal(Input().Count, Read(selector).Count);
        Assert.Equal(0, selector.Dropped(Btc));
    }

    [Fact]
    public void Survey_FindsTheSymbolsHoldingBoth_AndReadsOnlyTheFirstTradeWhenAsked()
    {
        var survey = new TradeStreamSurvey(3);
        survey.Read(new ListFeed(Input()), firstTradeOnly: false);
        Assert.Equal([true, false, false], survey.HoldsBoth);
        Assert.True(survey.AnyHoldsBoth);

        var first = new TradeStreamSurvey(2);
        first.Read(new ListFeed(Input()), firstTradeOnly: true); // sees only BTC's agg 1
        Assert.Equal([false, false], first.HoldsBoth);
        Assert.False(first.AnyHoldsBoth);
    }

    private sealed class ListFeed(List<EngineEvent> events) : IInputFeed
    {
        private int _next;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (_next == events.Count)
            {
                return false;
            }

            slot = events[_next++];
            return true;
        }
    }
}
