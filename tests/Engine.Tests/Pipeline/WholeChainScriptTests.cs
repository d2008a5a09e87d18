using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;
using Engine.Signals;

namespace Engine.Tests.Pipeline;

/// <summary>
/// One scripted path through every stage on the engine thread, from aggregated.csv rows in: DeltaScout emits a long
/// PEAK, the risk gate sizes it from the row ATR, the OMS enters and places its exits, the paper venue fills them on
/// the following rows (bar fill model). Every figure below is computed by hand in the comments.
/// </summary>
public class WholeChainScriptTests
{
    private const long T0 = 1_723_161_600_000; // 2024-08-09T00:00:00Z

    private static PipelineOptions Options() => new()
    {
        Symbols = [new SymbolSetup { Name = "BTCUSDT", Filters = PipelineFixtures.BtcFilters }],
        IntervalMs = 60_000,
        Signal = SignalSource.DeltaScout,
        // Gates opened so the second row's MAX candidate passes; the comparisons of step 4 still apply.
        DeltaScout = new DeltaScoutOptions { Chop30Max = 1000, Coh10Min = 0, ImbMin = 0, ImbMax = 1 },
        VolumeSignal = new VolumeSignalOptions { AtrPeriod = 1 }, // the row ATR is ready after one true range
    };

    private static EngineEvent Row(int minute, string avg, string buy, string sell, string high, string low, string close)
    {
        var e = new EngineEvent { Kind = EventKind.AggregatedRow };
        e.Row = new AggregatedRow
        {
            Symbol = new SymbolId(0), StartMs = T0 + (minute * 60_000L), IntervalMs = 60_000, Trades = 10,
            BuyQty = Quantity.Parse(buy), SellQty = Quantity.Parse(sell), AvgPrice = double.Parse(avg, System.Globalization.CultureInfo.InvariantCulture),
            HighPrice = Price.Parse(high), LowPrice = Price.Parse(low), ClosePrice = Price.Parse(close), HasClose = true, HasHighLow = true,
        };
        e.Row.TotalQty = e.Row.BuyQty + e.Row.SellQty;
        return e;
    }

    [Fact]
    public void Peak_Entry_Tp1_ThenStopAtBreakEven_GivesHandComputedFillsFeesAndPnl()
    {
        var engine = new TradingEngine<CollectingOutputSink>(Options(), new CollectingOutputSink());
        EngineEvent[] rows =
        [
            // Row 0: first row, MAX candidate with no previous → prev = {100, vol 10, vwap 100}.
            Row(0, "100", "6", "4", "100.5", "99.5", "100"),
            // Row 1: delta 6 is the window max. vwap = round((100·10 + 101·12) / 22) = round(100.545…) = 101.
            // 101 > 100, 12 > 10, 101 > 100 → gates: 101.5 > EMA50 (100.0588) and > vwap 101 → PEAK long at 101.
            // Row ATR(1): TR = max(102 − 100.5, |102 − 100|, |100.5 − 100|) = 2; stop distance = 2 × ATR_MULT 2 = 4.
            // Size: risk 10000 × 1% = 100 → 100 / 4 = 25 BTC (notional 25 × 101.5 = 2537.5 < 10000 cap).
            Row(1, "101", "9", "3", "102", "100.5", "101.5"),
            // Row 2: the market entry fills at this row's AvgPrice 102.0 (taker 0.05%: 25 × 102 × 0.0005 = 1.275).
            // Exits: stop 102 − 4 = 98; TP1 at 1R = 106 and TP2 at 2R = 110; legs 8.333 / 8.333 / 8.334.
            Row(2, "102", "5", "5", "103", "101.8", "102.5"),
            // Row 3: high 106.5 crosses TP1 106 → 8.333 sold at 106 (maker 0.02%: 883.298 × 0.0002 = 0.1766596);
            // the stop moves to break-even 102.
            Row(3, "105", "5", "5", "106.5", "103.5", "105"),
            // Row 4: low 101.5 crosses the break-even stop 102 → 16.667 sold at 102 (taker: 1700.034 × 0.0005 = 0.850017).
            Row(4, "102.5", "5", "5", "103", "101.5", "102"),
        ];
        foreach (ref EngineEvent e in rows.AsSpan())
        {
            engine.OnEvent(ref e);
        }

        List<OutputEvent> outputs = engine.Output.Events;
        SignalRecord signal = outputs.First(o => o.Kind == OutputKind.SignalEvaluated).Signal;
        Assert.Equal(SignalDirection.Long, signal.Signal.Direction);
        Assert.Equal(101.0, signal.Signal.Price);
        Assert.Equal(SignalDecision.Submitted, signal.Decision);
        Assert.Equal(Quantity.Parse("25"), signal.Sizing.Quantity);

        var fills = outputs.Where(o => o.Kind == OutputKind.VenueReported && o.Report.IsFill).Select(o => o.Report).ToList();
        Assert.Equal(
            [(Side.Buy, "25", "102", "1.275"), (Side.Sell, "8.333", "106", "0.1766596"), (Side.Sell, "16.667", "102", "0.850017")],
            fills.Select(f => (f.Side, f.LastQuantity.ToString(), f.LastPrice.ToString(), f.Fee.ToString())).ToList());

        // The OMS's accounting rides on the output ring: each fill's order role and the PnL it realised.
        Assert.Equal(
            [(OrderRole.Entry, 0m), (OrderRole.TakeProfit1, 33.332m), (OrderRole.StopLoss, 0m)],
            outputs.Where(o => o.Kind == OutputKind.VenueReported && o.Report.IsFill).Select(o => (o.OrderRole, o.RealizedPnl.ToDecimal())).ToList());

        // Realised: (106 − 102) × 8.333 + (102 − 102) × 16.667 = 33.332; fees 1.275 + 0.1766596 + 0.850017 = 2.3016766.
        ClosedPosition closed = Assert.Single(outputs, o => o.Kind == OutputKind.PositionClosed).Position;
        Assert.Equal(33.332m, closed.RealizedPnl.ToDecimal());
        Assert.Equal(2.3016766m, closed.Fees.ToDecimal());
        Assert.Equal(Side.Buy, closed.Side);
        Assert.Equal(Price.Parse("102"), closed.EntryPrice);
        Assert.Equal(Quantity.Parse("25"), closed.Quantity);
        Assert.Equal(OrderRole.StopLoss, closed.ExitRole);
        Assert.Equal(10_031.0303234m, engine.Account.Equity.ToDecimal());
        Assert.True(engine.OrderManager.PositionOf(new SymbolId(0)).IsFlat);
    }

    private static EngineEvent Command(OperatorCommandKind kind, long timeMs) =>
        new() { Kind = EventKind.OperatorCommand, Command = new OperatorCommand(kind, new SymbolId(0), timeMs) };

    [Fact]
    public void OperatorFlatten_ClosesTheOpenPositionAtTheNextRow_HaltsEntries_AndResumeReopens()
    {
        var engine = new TradingEngine<CollectingOutputSink>(Options(), new CollectingOutputSink());
        EngineEvent[] script =
        [
            Row(0, "100", "6", "4", "100.5", "99.5", "100"),
            Row(1, "101", "9", "3", "102", "100.5", "101.5"), // PEAK long → market entry of 25
            Row(2, "102", "5", "5", "103", "101.8", "102.5"), // entry fills at 102
            Command(OperatorCommandKind.Flatten, T0 + (3 * 60_000L)),
            Row(3, "103", "5", "5", "103.5", "102.5", "103"), // the flatten market order fills at this row's AvgPrice 103
        ];
        foreach (ref EngineEvent e in script.AsSpan())
        {
            engine.OnEvent(ref e);
        }

        List<OutputEvent> outputs = engine.Output.Events;
        Assert.Contains(outputs, o => o.Kind == OutputKind.BreakerChanged && o.BreakerState == Engine.Risk.TradingState.Halted);
        ClosedPosition closed = Assert.Single(outputs, o => o.Kind == OutputKind.PositionClosed).Position;
        // Long 25 from 102, flattened at 103: realised (103 − 102) × 25 = 25; fees 25 × 102 × 0.0005 + 25 × 103 × 0.0005.
        Assert.Equal(25m, closed.RealizedPnl.ToDecimal());
        Assert.Equal(1.275m + 1.2875m, closed.Fees.ToDecimal());
        Assert.Equal(Price.Parse("103"), closed.ExitPrice);
        Assert.Equal(Engine.Risk.TradingState.Halted, engine.Risk.State);
        Assert.False(engine.Risk.AllowsOrder(Engine.Risk.OrderIntent.Entry));
        Assert.True(engine.Risk.AllowsOrder(Engine.Risk.OrderIntent.ProtectiveExit));

        // Resume: entries are admitted again (the next check to stop one is no longer the breaker).
        EngineEvent resume = Command(OperatorCommandKind.Resume, T0 + (5 * 60_000L));
        engine.OnEvent(ref resume);
        Assert.Equal(Engine.Risk.TradingState.Active, engine.Risk.State);
    }
}
