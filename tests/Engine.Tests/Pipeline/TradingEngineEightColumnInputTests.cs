using Engine.Model;
using Engine.Pipeline;
using Engine.Risk;

namespace Engine.Tests.Pipeline;

/// <summary>
/// Defect 7 of issue 12: an 8-column aggregated.csv (no HiPrice/LowPrice, so no ATR) must still trade, with the swing
/// stop of contracts §4. Rows: the real BTCUSDT sample (shared data
/// <c>binance/trades/futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz</c>) aggregated to 1-s rows by
/// the engine, then stripped of HiPrice/LowPrice as an 8-column file reads, and replayed as input rows.
/// </summary>
public class TradingEngineEightColumnInputTests
{
    [Fact]
    public void EightColumnRows_AdmitSignalsWithTheSwingStop_FromTheLowestRowPriceOfTheLookback()
    {
        var source = new TradingEngine<CollectingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(), new CollectingOutputSink());
        PipelineFixtures.Replay(source, PipelineFixtures.BtcTrades, "BTCUSDT");
        var rows = source.Output.Events.Where(o => o.Kind == OutputKind.RowClosed).Select(o => o.Row).ToList();

        PipelineOptions options = PipelineFixtures.ShortIntervalDeltaScout();
        var engine = new TradingEngine<CollectingOutputSink>(options, new CollectingOutputSink());
        var slot = default(EngineEvent);
        foreach (AggregatedRow row in rows)
        {
            slot.Kind = EventKind.AggregatedRow;
            slot.Row = row;
            slot.Row.HasHighLow = false; // 8 columns: Timestamp .. AvgPrice, ClosePrice
            slot.Row.HighPrice = Price.Zero;
            slot.Row.LowPrice = Price.Zero;
            engine.OnEvent(ref slot);
        }

        var signals = engine.Output.Events.Where(o => o.Kind == OutputKind.SignalEvaluated).Select(o => o.Signal).ToList();
        Assert.NotEmpty(signals);
        Assert.DoesNotContain(signals, s => s.Verdict == RiskVerdict.NoStopDistance);
        var admitted = signals.Where(s => s.Verdict == RiskVerdict.Admitted).ToList();
        Assert.NotEmpty(admitted);
        Assert.All(admitted, s => Assert.Equal(StopRule.Swing, s.Sizing.StopRule));

        // Independent check of each swing: the lowest (long) / highest (short) of min/max(AvgPrice, ClosePrice) over the
        // last SWING_LOOKBACK rows up to the signal's row, against the entry at the row's close.
        int lookback = options.Risk.SwingLookback;
        foreach (SignalRecord s in admitted)
        {
            int end = rows.FindIndex(r => r.StartMs == s.RowStartMs);
            var window = rows.Skip(Math.Max(0, end + 1 - lookback)).Take(Math.Min(lookback, end + 1)).ToList();
            decimal entry = s.Sizing.EntryPrice.ToDecimal();
            bool isLong = s.Sizing.Side == Side.Buy;
            decimal swing = isLong
                ? window.Min(r => Math.Min((decimal)Math.Round(r.AvgPrice, 8), r.ClosePrice.ToDecimal()))
                : window.Max(r => Math.Max((decimal)Math.Round(r.AvgPrice, 8), r.ClosePrice.ToDecimal()));
            Assert.Equal(isLong ? entry - swing : swing - entry, s.Sizing.StopDistance.ToDecimal());
        }
    }
}
