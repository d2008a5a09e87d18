using Engine.Binance.Archives;
using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;

namespace Engine.Tests.Pipeline;

public class TradingEngineReplayTests
{
    private static TradingEngine<CollectingOutputSink> ReplayBtc()
    {
        var engine = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        PipelineFixtures.Replay(engine, PipelineFixtures.BtcTrades, "BTCUSDT");
        return engine;
    }

    [Fact]
    public void Replay_RealTrades_EmitsOneRowPerSecondAndEveryPeakBecomesAnEvaluatedSignal()
    {
        TradingEngine<CollectingOutputSink> engine = ReplayBtc();
        List<OutputEvent> outputs = engine.Output.Events;

        // 23:54:16 .. 23:59:58 UTC: every second from the first trade's to the last closed one, empty ones included;
        // the second of the last trade (23:59:59) was still open when the input ended, so it is not a closed row.
        var rows = outputs.Where(o => o.Kind == OutputKind.RowClosed).Select(o => o.Row).ToList();
        Assert.Equal(1_723_161_256_000, rows[0].StartMs);
        Assert.Equal(1_723_161_598_000, rows[^1].StartMs);
        Assert.Equal(343, rows.Count);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.Second.StartMs - p.First.StartMs == 1_000));
        AggregatedRow open = outputs.Single(o => o.Kind == OutputKind.IntervalLeftOpen).Row;
        Assert.Equal(1_723_161_599_000, open.StartMs);
        Assert.Equal(21_313, rows.Sum(r => r.Trades) + open.Trades);

        int peaks = outputs.Count(o => o.Kind == OutputKind.RowClosed && o.HasEvaluation && o.Evaluation.HasPeak);
        var signals = outputs.Where(o => o.Kind == OutputKind.SignalEvaluated).ToList();
        Assert.True(peaks > 0, "the short-interval settings must produce PEAKs on six minutes of real trades");
        Assert.Equal(peaks, signals.Count);
        Assert.True(signals.Any(s => s.Signal.Decision == SignalDecision.Submitted),
            string.Join(", ", signals.Select(s => $"{s.Signal.Decision}/{s.Signal.Verdict}/{s.Signal.Entry} atr={s.Signal.Signal.Atr}")));
        Assert.Equal(engine.Counters.Signals, signals.Count);
    }

    [Fact]
    public void Replay_RealTrades_EachClosedPositionsPnlAndFeesEqualItsFillsCashFlows()
    {
        TradingEngine<CollectingOutputSink> engine = ReplayBtc();
        List<OutputEvent> outputs = engine.Output.Events;
        var closed = outputs.Where(o => o.Kind == OutputKind.PositionClosed).Select(o => o.Position).ToList();
        Assert.NotEmpty(closed);

        // Independent recomputation: walk the fills in order, keep a signed size, and sum the cash flows of each
        // flat-to-flat round trip in decimal.
        var trips = new List<(decimal Pnl, decimal Fees)>();
        decimal size = 0, cash = 0, fees = 0, allFees = 0;
        foreach (VenueReport fill in outputs.Where(o => o.Kind == OutputKind.VenueReported && o.Report.IsFill).Select(o => o.Report))
        {
            decimal qty = fill.LastQuantity.ToDecimal();
            decimal notional = fill.LastPrice.ToDecimal() * qty;
            size += fill.Side == Side.Buy ? qty : -qty;
            cash += fill.Side == Side.Buy ? -notional : notional;
            fees += fill.Fee.ToDecimal();
            allFees += fill.Fee.ToDecimal();
            if (size == 0)
            {
                trips.Add((cash, fees));
                cash = 0;
                fees = 0;
            }
        }

        Assert.Equal(trips.Count, closed.Count);
        for (int i = 0; i < closed.Count; i++)
        {
            Assert.Equal(trips[i].Pnl, closed[i].RealizedPnl.ToDecimal());
            Assert.Equal(trips[i].Fees, closed[i].Fees.ToDecimal());
        }

        (Money realized, Money totalFees) = engine.OrderManager.Totals();
        Assert.Equal(allFees, totalFees.ToDecimal());
        if (size == 0)
        {
            Assert.Equal(closed.Sum(c => c.RealizedPnl.ToDecimal()), realized.ToDecimal());
        }

        Assert.Equal(
            10_000m + closed.Sum(c => c.RealizedPnl.ToDecimal() - c.Fees.ToDecimal()),
            engine.Account.Equity.ToDecimal());
    }

    [Fact]
    public void Replay_SameInputTwice_GivesIdenticalOutputs()
    {
        List<OutputEvent> first = ReplayBtc().Output.Events;
        List<OutputEvent> second = ReplayBtc().Output.Events;

        Assert.Equal(first.Count, second.Count);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.True(first[i].Kind == second[i].Kind && first[i].TimeMs == second[i].TimeMs, $"output {i} differs");
        }

        Assert.Equal(Describe(first), Describe(second));
    }

    private static string Describe(List<OutputEvent> events) => string.Join('\n', events.Select(e => e.Kind switch
    {
        OutputKind.RowClosed => $"row {e.Row.StartMs} {e.Row.Trades} {e.Row.TotalQty} {e.Row.AvgPrice:R} {e.Evaluation.MaxOutcome} {e.Evaluation.MinOutcome}",
        OutputKind.BarClosed => $"bar {e.Bar.Index} {e.Bar.Close} {e.Indicators.Rsi:R}",
        OutputKind.SignalEvaluated => $"signal {e.Signal.Signal.Direction} {e.Signal.Signal.Price:R} {e.Signal.Decision} {e.Signal.Verdict} {e.Signal.Sizing.Quantity}",
        OutputKind.OrderRequested => $"order {e.Order.ClientId} {e.Order.Type} {e.Order.Side} {e.Order.Quantity} {e.Order.Price} {e.Order.StopPrice}",
        OutputKind.VenueReported => $"report {e.Report.Kind} {e.Report.ClientId} {e.Report.LastPrice} {e.Report.LastQuantity} {e.Report.Fee}",
        OutputKind.PositionClosed => $"closed {e.Position.RealizedPnl} {e.Position.Fees}",
        _ => e.Kind.ToString(),
    }));

    [Fact]
    public void Replay_AfterWarmup_AllocatesNothingOnTheEngineThread()
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);
        var events = new List<EngineEvent>();
        using (TradeCsvReader reader = TradeCsvReader.Open(PipelineFixtures.BtcTrades, registry))
        {
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                events.Add(slot);
            }
        }

        EngineEvent[] all = [.. events];
        var engine = new TradingEngine<CountingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CountingOutputSink());
        int warm = all.Length / 2;
        for (int i = 0; i < warm; i++)
        {
            engine.OnEvent(ref all[i]);
        }

        Assert.True(engine.Output.Count(OutputKind.OrderRequested) > 0, "warm-up must have exercised the order path");
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = warm; i < all.Length; i++)
        {
            engine.OnEvent(ref all[i]);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(engine.Output.Count(OutputKind.SignalEvaluated) > 0);
        Assert.Equal(0, allocated);
    }
}
