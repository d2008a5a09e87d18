using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Risk;
using Engine.Signals;

namespace Engine.Tests.Pipeline;

/// <summary>
/// The breaker and the OMS through the real engine, from aggregated.csv rows in (bar fill model of the paper venue).
/// The script: a long PEAK on 2024-08-08 23:51, a market entry of 25 at 102 on the next row, a stop-out on the row
/// after (a loss), then rows on the next UTC day with a second long PEAK at 00:20. Figures are worked out by hand.
/// </summary>
public class TradingEngineSafetyTests
{
    private const long Day2 = 1_723_161_600_000; // 2024-08-09T00:00:00Z
    private const long Day1Start = Day2 - (10 * 60_000); // 2024-08-08T23:50:00Z

    private static PipelineOptions Options(RiskOptions risk) => new()
    {
        Symbols = [new SymbolSetup { Name = "BTCUSDT", Filters = PipelineFixtures.BtcFilters }],
        IntervalMs = 60_000,
        Signal = SignalSource.DeltaScout,
        DeltaScout = new DeltaScoutOptions { Chop30Max = 1000, Coh10Min = 0, ImbMin = 0, ImbMax = 1 },
        VolumeSignal = new VolumeSignalOptions { AtrPeriod = 1 },
        Risk = risk,
    };

    private static EngineEvent Row(long startMs, string avg, string buy, string sell, string high, string low, string close)
    {
        var e = new EngineEvent { Kind = EventKind.AggregatedRow };
        e.Row = new AggregatedRow
        {
            Symbol = new SymbolId(0), StartMs = startMs, IntervalMs = 60_000, Trades = 10,
            BuyQty = Quantity.Parse(buy), SellQty = Quantity.Parse(sell), AvgPrice = double.Parse(avg, System.Globalization.CultureInfo.InvariantCulture),
            HighPrice = Price.Parse(high), LowPrice = Price.Parse(low), ClosePrice = Price.Parse(close), HasClose = true, HasHighLow = true,
        };
        e.Row.TotalQty = e.Row.BuyQty + e.Row.SellQty;
        return e;
    }

    private static EngineEvent Command(OperatorCommandKind kind, long timeMs) =>
        new() { Kind = EventKind.OperatorCommand, Command = new OperatorCommand(kind, new SymbolId(0), timeMs) };

    // Deltas 2, 6, 3, 4: row 1 is the window's MAX (PEAK long at 101: price, volume and vwap above row 0's), rows 2
    // and 3 are neither MAX nor MIN, so the previous candidate stays row 1's for the next day.
    private static EngineEvent[] LosingRoundTripOnDay1() =>
    [
        Row(Day1Start, "100", "6", "4", "100.5", "99.5", "100"),
        Row(Day1Start + 60_000, "101", "9", "3", "102", "100.5", "101.5"), // PEAK long; ATR 2 → stop distance 4, 25 BTC
        Row(Day1Start + 120_000, "102", "6.5", "3.5", "103", "101.8", "102.5"), // market entry fills at 102
        Row(Day1Start + 180_000, "100", "7", "3", "102.5", "97", "99"), // low 97 is through the stop: a loss
    ];

    // Delta 10 is the new window MAX; price 104 > 101, volume 14 > 12, vwap round(5688 / 56) = 102 > 101, close 104.5
    // above EMA50 and vwap: a PEAK long at 00:20 on the next UTC day, 26 minutes after the close (cooldown is 15).
    private static EngineEvent NextDayPeak() => Row(Day2 + (20 * 60_000), "104", "12", "2", "105", "103.5", "104.5");

    private static TradingEngine<CollectingOutputSink> Run(RiskOptions risk, params EngineEvent[] script)
    {
        var engine = new TradingEngine<CollectingOutputSink>(Options(risk), new CollectingOutputSink());
        foreach (ref EngineEvent e in script.AsSpan())
        {
            engine.OnEvent(ref e);
        }

        return engine;
    }

    private static List<SignalRecord> Signals(TradingEngine<CollectingOutputSink> engine) =>
        engine.Output.Events.Where(o => o.Kind == OutputKind.SignalEvaluated).Select(o => o.Signal).ToList();

    [Fact]
    public void ConsecutiveLossHalt_EndsWithTheUtcDay_AndTheNextDaysPeakIsAdmitted()
    {
        var engine = Run(new RiskOptions { MaxConsecutiveLosses = 1 }, [.. LosingRoundTripOnDay1(), NextDayPeak()]);

        ClosedPosition loss = Assert.Single(engine.Output.Events, o => o.Kind == OutputKind.PositionClosed).Position;
        Assert.True(loss.NetPnl.E8 < 0);
        Assert.Contains(engine.Output.Events, o => o.Kind == OutputKind.BreakerChanged && o.BreakerState == TradingState.Halted);

        List<SignalRecord> signals = Signals(engine);
        Assert.Equal(2, signals.Count);
        Assert.Equal(RiskVerdict.Admitted, signals[0].Verdict);
        Assert.Equal(RiskVerdict.Admitted, signals[1].Verdict);
        Assert.Equal(TradingState.Active, engine.Risk.State);
    }

    [Theory]
    [InlineData(DrawdownReference.Daily, RiskVerdict.Admitted)]
    [InlineData(DrawdownReference.Rolling, RiskVerdict.MaxDrawdown)]
    public void DrawdownHalt_NextDay_FollowsTheConfiguredReference(DrawdownReference reference, RiskVerdict nextDay)
    {
        // The loss (about 100 + fees on 10,000, over 1%) breaches a 0.5% drawdown. Daily: the peak is re-based at the
        // day roll, so the next day starts with no drawdown. Rolling: the peak of 10,000 carries over.
        var risk = new RiskOptions { MaxDrawdownPct = 0.005, MaxConsecutiveLosses = 1000, DrawdownReference = reference };
        var engine = Run(risk, [.. LosingRoundTripOnDay1(), NextDayPeak()]);
        Assert.Contains(engine.Output.Events, o => o.Kind == OutputKind.BreakerChanged && o.BreakerState == TradingState.Halted);
        Assert.Equal(nextDay, Signals(engine)[1].Verdict);
    }

    [Fact]
    public void ConsecutiveLossHalt_EndsWithAnOperatorResume_AndTheNextPeakIsAdmitted()
    {
        // The same day: the operator resumes at 23:55 and the second PEAK comes at 23:58 (cooldown set to 1 minute).
        EngineEvent[] day1 = LosingRoundTripOnDay1();
        EngineEvent peak = NextDayPeak();
        peak.Row.StartMs = Day1Start + (7 * 60_000); // 23:57 to 23:58: still day 1, 4 minutes after the close
        var engine = Run(
            new RiskOptions { MaxConsecutiveLosses = 1, CooldownMinutes = 1 },
            [.. day1, Command(OperatorCommandKind.Resume, Day1Start + (5 * 60_000)), peak]);

        List<SignalRecord> signals = Signals(engine);
        Assert.Equal(2, signals.Count);
        Assert.Equal(RiskVerdict.Admitted, signals[1].Verdict);
    }

    [Fact]
    public void OperatorHalt_CancelsTheWorkingEntry_SoItCannotOpenAPositionWhileHalted()
    {
        // A limit entry (offset 0.1%: 101 × 1.001 = 101.101, floored to 101.1) rests; row 2 stays above it.
        var risk = new RiskOptions { EntryLimitOffsetPct = 0.001 };
        EngineEvent[] day1 = LosingRoundTripOnDay1();
        EngineEvent above = Row(Day1Start + 120_000, "102", "6.5", "3.5", "103", "101.8", "102.5");
        EngineEvent through = Row(Day1Start + 180_000, "101", "7", "3", "101.5", "100", "100.5"); // would fill the limit
        var engine = Run(risk, day1[0], day1[1], above, Command(OperatorCommandKind.Halt, Day1Start + 180_000), through);

        OrderRequest entry = engine.Output.Events.First(o => o.Kind == OutputKind.OrderRequested).Order;
        Assert.Equal(OrderType.Limit, entry.Type);
        Assert.Contains(engine.Output.Events, o => o.Kind == OutputKind.OrderRequested && o.Order.Command == OrderCommand.Cancel && o.Order.ClientId == entry.ClientId);
        Assert.True(engine.OrderManager.PositionOf(new SymbolId(0)).IsFlat);
        Assert.Equal(0, engine.OrderManager.WorkingOrders);
    }

    [Fact]
    public void DuplicateFillReport_IsCountedOnce_InTheEngineAndInWhatItPublishes()
    {
        var engine = new TradingEngine<CollectingOutputSink>(Options(new RiskOptions()), new CollectingOutputSink(), paperVenue: false);
        EngineEvent[] day1 = LosingRoundTripOnDay1();
        engine.OnEvent(ref day1[0]);
        engine.OnEvent(ref day1[1]); // PEAK: a market entry of 25 goes out as client id 1
        OrderRequest entry = engine.Output.Events.Single(o => o.Kind == OutputKind.OrderRequested).Order;
        Assert.Equal(Quantity.Parse("25"), entry.Quantity);

        var fill = new EngineEvent { Kind = EventKind.VenueReport };
        fill.Report = new VenueReport
        {
            Kind = VenueReportKind.Filled, ClientId = entry.ClientId, Symbol = new SymbolId(0), Side = Side.Buy,
            LastQuantity = Quantity.Parse("25"), LastPrice = Price.Parse("102"), CumulativeQuantity = Quantity.Parse("25"),
            Fee = Money.FromDecimal(1.275m), EventTimeMs = Day1Start + 121_000,
        };
        EngineEvent again = fill; // ORDER_TRADE_UPDATE and TRADE_LITE carry the same trade
        engine.OnEvent(ref fill);
        engine.OnEvent(ref again);

        Assert.Equal(1, engine.Counters.Fills);
        Assert.Equal(Quantity.Parse("25"), engine.OrderManager.PositionOf(new SymbolId(0)).Size);
        Assert.Equal(1, engine.OrderManager.Counters.DuplicateFills);
        List<OutputEvent> reported = engine.Output.Events.Where(o => o.Kind == OutputKind.VenueReported).ToList();
        Assert.Equal([ReportOutcome.Applied, ReportOutcome.Duplicate], reported.Select(o => o.ReportOutcome).ToList());
    }

    [Theory]
    [InlineData(CooldownScope.Account, RiskVerdict.Cooldown)]
    [InlineData(CooldownScope.Symbol, RiskVerdict.Admitted)]
    public void CooldownAfterAClose_HoldsBackTheSymbolsItsScopeNames(CooldownScope scope, RiskVerdict otherSymbol)
    {
        // BTCUSDT closes its losing round trip at 23:54; ETHUSDT, trading the same rows two minutes later, peaks at
        // 23:57 to 23:58, 4 minutes after that close, well inside the 15-minute cooldown.
        var options = Options(new RiskOptions { CooldownScope = scope }) with
        {
            Symbols =
            [
                new SymbolSetup { Name = "BTCUSDT", Filters = PipelineFixtures.BtcFilters },
                new SymbolSetup { Name = "ETHUSDT", Filters = PipelineFixtures.BtcFilters },
            ],
        };
        var engine = new TradingEngine<CollectingOutputSink>(options, new CollectingOutputSink());
        EngineEvent[] btc = LosingRoundTripOnDay1();
        EngineEvent[] eth = LosingRoundTripOnDay1();
        foreach (ref EngineEvent e in eth.AsSpan())
        {
            e.Row.Symbol = new SymbolId(1);
            e.Row.StartMs += 6 * 60_000;
        }

        EngineEvent[] script = [.. btc, eth[0], eth[1]];
        foreach (ref EngineEvent e in script.AsSpan())
        {
            engine.OnEvent(ref e);
        }

        Assert.Single(engine.Output.Events, o => o.Kind == OutputKind.PositionClosed && o.Position.Symbol == new SymbolId(0));
        SignalRecord ethPeak = Signals(engine).Single(s => s.Signal.Symbol == new SymbolId(1));
        Assert.Equal(otherSymbol, ethPeak.Verdict);
    }

    [Theory]
    [InlineData(1000, 1000, 0.0, RiskVerdict.Admitted)]          // no account limit reached: ETHUSDT trades
    [InlineData(1, 1000, 0.0, RiskVerdict.Halted)]               // BTCUSDT's loss is the account's first loss in a row: halted
    [InlineData(1000, 1, 0.0, RiskVerdict.TradesPerDay)]         // BTCUSDT's entry used the account's one trade of the day
    [InlineData(1000, 1000, 0.005, RiskVerdict.Halted)]          // BTCUSDT's loss (over 1% of 10,000) breaches the account's 0.5% drawdown
    public void AccountLimits_ReachedThroughOneSymbol_HoldBackTheOthers(int maxLosses, int maxTrades, double maxDrawdown, RiskVerdict otherSymbol)
    {
        // contracts §5: daily loss, drawdown, streak and trades per day are the account's, across its symbols. The
        // cooldown is per symbol here, so only the account limits can stop ETHUSDT's peak 4 minutes after the close.
        var risk = new RiskOptions
        {
            CooldownScope = CooldownScope.Symbol, MaxConsecutiveLosses = maxLosses, MaxTradesPerDay = maxTrades,
            MaxDrawdownPct = maxDrawdown > 0 ? maxDrawdown : new RiskOptions().MaxDrawdownPct,
        };
        var options = Options(risk) with
        {
            Symbols =
            [
                new SymbolSetup { Name = "BTCUSDT", Filters = PipelineFixtures.BtcFilters },
                new SymbolSetup { Name = "ETHUSDT", Filters = PipelineFixtures.BtcFilters },
            ],
        };
        var engine = new TradingEngine<CollectingOutputSink>(options, new CollectingOutputSink());
        EngineEvent[] eth = LosingRoundTripOnDay1();
        foreach (ref EngineEvent e in eth.AsSpan())
        {
            e.Row.Symbol = new SymbolId(1);
            e.Row.StartMs += 6 * 60_000;
        }

        EngineEvent[] script = [.. LosingRoundTripOnDay1(), eth[0], eth[1]];
        foreach (ref EngineEvent e in script.AsSpan())
        {
            engine.OnEvent(ref e);
        }

        Assert.Single(engine.Output.Events, o => o.Kind == OutputKind.PositionClosed && o.Position.Symbol == new SymbolId(0));
        Assert.Equal(otherSymbol, Signals(engine).Single(s => s.Signal.Symbol == new SymbolId(1)).Verdict);
    }
}
