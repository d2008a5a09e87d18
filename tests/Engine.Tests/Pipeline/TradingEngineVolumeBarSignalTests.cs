using Engine.Model;
using Engine.Pipeline;
using Engine.Signals;

namespace Engine.Tests.Pipeline;

/// <summary>
/// The second signal plugs in by configuration alone: with Signal = VolumeBar the same stages (rows, bars, risk, OMS,
/// venue) run, the risk gate sees only volume-bar signals, and DeltaScout never evaluates a row.
/// </summary>
public class TradingEngineVolumeBarSignalTests
{
    private static PipelineOptions VolumeBarOptions() => PipelineFixtures.ShortIntervalDeltaScout() with
    {
        Signal = SignalSource.VolumeBar,
        Symbols = [new SymbolSetup { Name = "BTCUSDT", Filters = PipelineFixtures.BtcFilters, BarSize = 1m }],
    };

    private static TradingEngine<CollectingOutputSink> Replay(PipelineOptions options)
    {
        var engine = new TradingEngine<CollectingOutputSink>(options, new CollectingOutputSink());
        PipelineFixtures.Replay(engine, PipelineFixtures.BtcTrades, "BTCUSDT");
        return engine;
    }

    [Fact]
    public void VolumeBarSignal_RealTrades_OnlyVolumeBarSignalsReachTheRiskGate()
    {
        TradingEngine<CollectingOutputSink> engine = Replay(VolumeBarOptions());
        List<OutputEvent> outputs = engine.Output.Events;

        var signals = outputs.Where(o => o.Kind == OutputKind.SignalEvaluated).Select(o => o.Signal).ToList();
        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.Equal(SignalSource.VolumeBar, s.Signal.Source));
        Assert.Equal(engine.Counters.Signals, signals.Count);

        // DeltaScout does not run: rows still close (same stage, same count as the DeltaScout replay) but carry no evaluation.
        var rows = outputs.Where(o => o.Kind == OutputKind.RowClosed).ToList();
        Assert.Equal(343, rows.Count); // the last second, still open at the end of the input, is not a closed row
        Assert.All(rows, r => Assert.False(r.HasEvaluation));

        // The risk gate and OMS act on them as on any signal.
        Assert.Contains(signals, s => s.Decision == SignalDecision.Submitted);
        Assert.Contains(outputs, o => o.Kind == OutputKind.OrderRequested);
    }

    [Fact]
    public void VolumeBarSignal_RealTrades_FiresExactlyWhereAStandaloneSignalFiresOnThePublishedBars()
    {
        PipelineOptions options = VolumeBarOptions();
        TradingEngine<CollectingOutputSink> engine = Replay(options);
        List<OutputEvent> outputs = engine.Output.Events;

        // Replay the engine's own published bars and indicators through a fresh VolumeBarSignal: the signals the risk
        // gate saw must be exactly those, in order, at each bar's last trade.
        var standalone = new VolumeBarSignal(options.VolumeSignal);
        var expected = new List<(long TimeMs, SignalDirection Direction, double Price)>();
        foreach (OutputEvent o in outputs.Where(o => o.Kind == OutputKind.BarClosed))
        {
            if (standalone.OnBar(in o.Bar, in o.Indicators, out TradeSignal s))
            {
                expected.Add((o.Bar.LastTradeTimeMs, s.Direction, s.Price));
            }
        }

        var actual = outputs.Where(o => o.Kind == OutputKind.SignalEvaluated)
            .Select(o => (o.Signal.Signal.TimeMs, o.Signal.Signal.Direction, o.Signal.Signal.Price))
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);

        // Every signal follows its bar's BarClosed output, before any later bar.
        int lastBar = -1;
        foreach ((OutputEvent o, int i) in outputs.Select((o, i) => (o, i)))
        {
            if (o.Kind == OutputKind.BarClosed)
            {
                lastBar = i;
            }
            else if (o.Kind == OutputKind.SignalEvaluated)
            {
                Assert.True(lastBar >= 0 && outputs[lastBar].Bar.LastTradeTimeMs == o.Signal.Signal.TimeMs);
            }
        }
    }

    [Fact]
    public void DeltaScoutSignal_RealTrades_NeverEmitsVolumeBarSignals()
    {
        TradingEngine<CollectingOutputSink> engine = Replay(VolumeBarOptions() with { Signal = SignalSource.DeltaScout });
        var signals = engine.Output.Events.Where(o => o.Kind == OutputKind.SignalEvaluated).ToList();
        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.Equal(SignalSource.DeltaScout, s.Signal.Signal.Source));
    }
}
