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

    /// <summary>A replay skips the reorder buffer only for trades consecutive per symbol: no gap, no repeat, no disorder.</summary>
    [Theory]
    [InlineData(new long[] { 1, 2, 3 }, new long[] { 10, 11 }, true)]  // each symbol's ids consecutive, interleaved
    [InlineData(new long[] { 1, 3 }, new long[] { 10, 11 }, false)]    // a gap
    [InlineData(new long[] { 2, 1 }, new long[] { 10, 11 }, false)]    // disorder
    [InlineData(new long[] { 1, 1 }, new long[] { 10, 11 }, false)]    // a repeat
    public void Survey_Consecutive_OnlyWhenEverySymbolsIdsFollowByOne(long[] btc, long[] eth, bool consecutive)
    {
        var events = new List<EngineEvent>();
        for (int i = 0; i < Math.Max(btc.Length, eth.Length); i++)
        {
            if (i < btc.Length)
            {
                events.Add(Trade(new SymbolId(0), btc[i], aggregate: true));
            }

            if (i < eth.Length)
            {
                events.Add(Trade(new SymbolId(1), eth[i], aggregate: true));
            }
        }

        var survey = new TradeStreamSurvey(2);
        survey.Read(new ListFeed(events), firstTradeOnly: false);
        Assert.Equal(consecutive, survey.Consecutive);

        var first = new TradeStreamSurvey(2);
        first.Read(new ListFeed(events), firstTradeOnly: true);
        Assert.False(first.Consecutive); // the rest is not read: not known
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
