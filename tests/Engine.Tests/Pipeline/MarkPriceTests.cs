using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Pipeline;
using Engine.Risk;
using Engine.Tests.Oms;

namespace Engine.Tests.Pipeline;

/// <summary>
/// Mark price events (issue #16): once a symbol has one, the open positions are valued at it (unrealised PnL, equity,
/// drawdown) instead of the last trade; it moves no clock and no exit plan.
/// </summary>
public class MarkPriceTests
{
    private static readonly SymbolId Btc = new(0);

    private static TradingEngine<CollectingOutputSink> Engine(RiskOptions risk) => new(
        PaperScript.Options(new OrderManagerOptions(), new PaperVenueOptions { LatencyMs = 0, SlippageTicks = 1 }) with { Risk = risk },
        new CollectingOutputSink());

    private static void Trade(TradingEngine<CollectingOutputSink> engine, long timeMs, string price)
    {
        var e = new EngineEvent
        {
            Kind = EventKind.Trade,
            Trade = new Trade { Symbol = Btc, Price = Price.Parse(price), Quantity = Quantity.Parse("5"), TradeTimeMs = timeMs, EventTimeMs = timeMs, Type = TradeType.Market },
        };
        engine.OnEvent(ref e);
    }

    private static void Mark(TradingEngine<CollectingOutputSink> engine, long timeMs, string price)
    {
        var e = new EngineEvent { Kind = EventKind.MarkPrice, Mark = new MarkPrice { Symbol = Btc, Price = Price.Parse(price), EventTimeMs = timeMs } };
        engine.OnEvent(ref e);
    }

    // Long 1 BTC: market entry at t = 0, filled on the trade at 1 s at 60000 + 1 tick slippage = 60000.1, taker fee
    // 60000.1 × 0.0005 = 30.00005. Stop 5000 away (55000.1), TP1 at 65000.1.
    private static TradingEngine<CollectingOutputSink> OpenLong(RiskOptions risk)
    {
        var engine = Engine(risk);
        Trade(engine, 0, "60000");
        Assert.Equal(EntryDecision.Submitted, engine.SubmitEntry(new EntryPlan(Btc, Side.Buy, Quantity.Parse("1"), Price.Parse("5000"), Price.Parse("60000"), 0)));
        Trade(engine, 1_000, "60000");
        Assert.Equal(Quantity.Parse("1"), engine.OrderManager.PositionOf(Btc).Size);
        return engine;
    }

    [Fact]
    public void OpenPnl_IsAtTheMarkPrice_OnceOneCame()
    {
        var engine = OpenLong(new RiskOptions());

        // At the last trade 60000: 60000 − 60000.1 − 30.00005 = −30.10005.
        Assert.Equal(Money.FromDecimal(-30.10005m), engine.OrderManager.OpenPnl());

        // Mark 58000, last trade still 60000: 58000 − 60000.1 − 30.00005 = −2030.10005.
        Mark(engine, 2_000, "58000");
        Assert.Equal(Money.FromDecimal(-2030.10005m), engine.OrderManager.OpenPnl());

        // A later trade at 61000 does not replace the mark: the position stays valued at 58000.
        Trade(engine, 3_000, "61000");
        Assert.Equal(Money.FromDecimal(-2030.10005m), engine.OrderManager.OpenPnl());
        Assert.Equal(1, engine.Counters.MarkPrices);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DrawdownOnTheMark_TripsTheBreaker_WhileTheTradesShowNoLoss(bool withMark)
    {
        // Trades stay at 60000. At a mark of 59000 equity = 10000 − 30.00005 − 1000.1 = 8969.89995, 10.3 % below the
        // 10000 peak: beyond a 5 % drawdown limit at the close of the row [0, 60 s) (on the trade at 61 s). At the last
        // trade the open loss is 30.10005, 0.3 %: no trip.
        var engine = OpenLong(new RiskOptions { MaxDrawdownPct = 0.05, HaltOnDailyLoss = false, HaltOnConsecutiveLosses = false });
        if (withMark)
        {
            Mark(engine, 30_000, "59000");
        }

        Trade(engine, 61_000, "60000");
        Trade(engine, 62_000, "60000");

        bool halted = engine.Output.Events.Exists(o => o.Kind == OutputKind.BreakerChanged && o.BreakerState == TradingState.Halted);
        Assert.Equal(withMark, halted);
        Assert.Equal(withMark ? TradingState.Halted : TradingState.Active, engine.Risk.State);
    }

    [Fact]
    public void MarkBelowTheStop_MovesNoExitPlan_AndNoClock()
    {
        var engine = OpenLong(new RiskOptions());
        int outputs = engine.Output.Events.Count;

        // 50000 is below the stop at 55000.1: stops work on trades, so nothing fills; and no row closes although the
        // mark's time (120 s) is past the first row's end (60 s).
        Mark(engine, 120_000, "50000");

        Assert.Equal(Quantity.Parse("1"), engine.OrderManager.PositionOf(Btc).Size);
        Assert.Equal(outputs, engine.Output.Events.Count);
    }

    [Fact]
    public void MarkOfAnUnknownSymbol_IsCounted_AndChangesNothing()
    {
        var engine = OpenLong(new RiskOptions());
        var e = new EngineEvent { Kind = EventKind.MarkPrice, Mark = new MarkPrice { Symbol = new SymbolId(7), Price = Price.Parse("1"), EventTimeMs = 2_000 } };
        engine.OnEvent(ref e);

        Assert.Equal(1, engine.Counters.UnknownSymbolEvents);
        Assert.Equal(0, engine.Counters.MarkPrices);
        Assert.Equal(Money.FromDecimal(-30.10005m), engine.OrderManager.OpenPnl());
    }
}
