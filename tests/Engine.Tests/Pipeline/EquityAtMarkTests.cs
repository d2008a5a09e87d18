using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Pipeline;
using Engine.Risk;
using Engine.Tests.Oms;

namespace Engine.Tests.Pipeline;

/// <summary>
/// Equity where the risk rules say equity (drawdown, sizing) is start + realised − fees + unrealised at the mark, the
/// last trade price (issue #12); the daily-loss limit stays on realised PnL (contracts §5).
/// </summary>
public class EquityAtMarkTests
{
    private static readonly SymbolId Btc = new(0);
    private const long T = 1_723_161_600_000; // 2024-08-09T00:00:00Z, no close before it

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

    // Long 1 BTC: market entry at t = 0, filled on the trade at 1 s at 60000 + 1 tick slippage = 60000.1, taker fee
    // 60000.1 × 0.0005 = 30.00005. Stop 5000 away (55000.1), TP1 at 65000.1: neither is reached below.
    // At 59000 the position is open at −1000.1 unrealised: equity = 10000 − 30.00005 − 1000.1 = 8969.89995, 10.3 % below
    // the 10000 peak. The one-minute row [0, 60 s) closes on the trade at 61 s, where equity is marked.
    private static List<OutputEvent> OpenLosingLong(TradingEngine<CollectingOutputSink> engine)
    {
        Trade(engine, 0, "60000");
        Assert.Equal(EntryDecision.Submitted, engine.SubmitEntry(new EntryPlan(Btc, Side.Buy, Quantity.Parse("1"), Price.Parse("5000"), Price.Parse("60000"), 0)));
        Trade(engine, 1_000, "60000");
        Assert.Equal(Quantity.Parse("1"), engine.OrderManager.PositionOf(Btc).Size);
        Trade(engine, 30_000, "59000");
        Assert.Equal(Money.FromDecimal(-1030.10005m), engine.OrderManager.OpenPnl());
        Trade(engine, 61_000, "59000");
        Trade(engine, 62_000, "59000");
        return engine.Output.Events;
    }

    [Fact]
    public void OpenLosingPosition_TripsTheDrawdownBreaker_BeforeItCloses()
    {
        var engine = Engine(new RiskOptions { MaxDrawdownPct = 0.05, HaltOnDailyLoss = false, HaltOnConsecutiveLosses = false });
        List<OutputEvent> outputs = OpenLosingLong(engine);

        int halted = outputs.FindIndex(o => o.Kind == OutputKind.BreakerChanged && o.BreakerState == TradingState.Halted);
        int closed = outputs.FindIndex(o => o.Kind == OutputKind.PositionClosed);
        Assert.True(halted >= 0, "the drawdown on the open position halts trading");
        Assert.Equal(-1, closed); // tripped while the position is open: nothing has closed yet
        Assert.Equal(TradingState.Halted, engine.Risk.State);
        Assert.Equal(Quantity.Parse("1"), engine.OrderManager.PositionOf(Btc).Size); // its stop still protects it
    }

    [Fact]
    public void OpenLosingPosition_DoesNotTripTheDailyLossLimit_WhichIsOnRealisedPnl()
    {
        // Daily loss 5 % of 10000 = 500: the open loss (1030.10) is beyond it, but nothing is realised yet.
        var engine = Engine(new RiskOptions { MaxDailyLossPct = 0.05, MaxDrawdownPct = 0.5, HaltOnConsecutiveLosses = false });
        List<OutputEvent> outputs = OpenLosingLong(engine);

        Assert.DoesNotContain(outputs, o => o.Kind == OutputKind.BreakerChanged);
        Assert.Equal(TradingState.Active, engine.Risk.State);
        Assert.Equal(Quantity.Parse("1"), engine.OrderManager.PositionOf(Btc).Size);
    }

    [Fact]
    public void Sizing_UsesEquityMarkedWithTheOpenPositions()
    {
        var gate = new RiskGate(new RiskOptions());
        var filters = PipelineFixtures.BtcFilters;
        var signal = new TradeSignal { Symbol = Btc, Direction = SignalDirection.Long, Price = 60_000, LastTradePrice = Price.Parse("60000"), TimeMs = T };
        // Equity marked at 9000 (an open loss of 1000 on 10000): risk 9000 × 1 % = 90; stop 600 away → 0.15 BTC.
        var inputs = new RiskInputs
        {
            TimeMs = T, Equity = Money.FromDecimal(9000m), OpenPnl = Money.FromDecimal(-1000m), EquityPeak = Money.FromDecimal(10_000m),
            LastTradePrice = Price.Parse("60000"), Atr = 300, Filters = filters,
        };

        Assert.Equal(RiskVerdict.Admitted, gate.Check(in signal, in inputs, out OrderSizing sizing));
        Assert.Equal(Money.FromDecimal(90m), sizing.RiskAmount);
        Assert.Equal(Quantity.Parse("0.15"), sizing.Quantity);
    }

    [Fact]
    public void DailyLoss_IsMeasuredAgainstTheDaysRealisedEquity_NotTheMarkedOne()
    {
        var gate = new RiskGate(new RiskOptions());
        var signal = new TradeSignal { Symbol = Btc, Direction = SignalDirection.Long, Price = 60_000, LastTradePrice = Price.Parse("60000"), TimeMs = T };
        // Realised −480 today; equity 9000 marked with an open loss of 1000. The day started at 9000 + 1000 + 480 = 10480:
        // 480 / 10480 = 4.58 % < 5 %: admitted. (Against the marked equity, 480 / 9480 = 5.06 %, it would be refused.)
        var inputs = new RiskInputs
        {
            TimeMs = T, Equity = Money.FromDecimal(9000m), OpenPnl = Money.FromDecimal(-1000m), EquityPeak = Money.FromDecimal(9000m),
            DailyRealisedPnl = Money.FromDecimal(-480m), LastTradePrice = Price.Parse("60000"), Atr = 300, Filters = PipelineFixtures.BtcFilters,
        };

        Assert.Equal(RiskVerdict.Admitted, gate.Check(in signal, in inputs, out _));
    }
}
