using System.Runtime.CompilerServices;
using Engine.Market;
using Engine.Model;
using Engine.Signals;

namespace Engine.Pipeline;

public sealed partial class TradingEngine<TOut>
{
    // Inlined into OnEvent, its only caller: the trade is nearly every event, and this saves a call frame on each.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void OnTrade(in Trade trade)
    {
        if (!TryLane(trade.Symbol, out SymbolLane lane))
        {
            return;
        }

        Counters.Trades++;
        if (trade.Type != TradeType.Market)
        {
            // Insurance-fund and ADL prints are not market trades: no fills, marks, rows or bars from them.
            Counters.NonMarketTrades++;
            return;
        }

        _nowMs = trade.TradeTimeMs;
        lane.LastTradePrice = trade.Price;
        _risk.AdvanceTo(_nowMs);
        PublishBreakerIfChanged(); // a limit halt ends at the next UTC day

        long t = StageStart();
        if (_venue is not null)
        {
            _venue.OnTrade(in trade);
            if (_venue.HasReports)
            {
                DeliverReports();
            }
        }

        _oms.OnTrade(in trade);
        if (_requests.Count != 0)
        {
            ForwardRequests();
        }

        t = StageEnd(Stage.Venue, t);

        var rows = new RowSink(this);
        lane.Aggregator.OnTrade(in trade, ref rows);
        t = StageEnd(Stage.Aggregation, t);

        var bars = new BarSink(this);
        lane.Bars.OnTrade(in trade, ref bars);
        StageEnd(Stage.VolumeBars, t);

        if (_signal == SignalSource.LatencyProbe && lane.Probe.OnTrade())
        {
            SendProbe(lane);
        }
    }

    /// <summary>A closed interval read from an aggregated.csv: the venue fills against it, then it runs like a closed row.</summary>
    private void OnInputRow(in AggregatedRow row)
    {
        if (!TryLane(row.Symbol, out SymbolLane lane))
        {
            return;
        }

        _nowMs = row.EndMs;
        _risk.AdvanceTo(_nowMs);
        PublishBreakerIfChanged();
        lane.LastTradePrice = row.HasClose ? row.ClosePrice : new Price((long)Math.Round(row.AvgPrice * FixedPoint.Scale));
        long t = StageStart();
        if (_venue is not null)
        {
            _venue.OnRow(in row);
            DeliverReports();
        }

        _oms.OnMark(row.Symbol, lane.LastTradePrice, _nowMs);
        ForwardRequests();
        StageEnd(Stage.Venue, t);
        OnRowClosed(in row);
    }

    private void OnRowClosed(in AggregatedRow row)
    {
        SymbolLane lane = _lanes[row.Symbol.Value];
        Counters.Rows++;
        if (row.HasHighLow && row.Trades > 0)
        {
            lane.RowAtr.Update(row.HighPrice.ToDouble(), row.LowPrice.ToDouble(), row.HasClose ? row.ClosePrice.ToDouble() : row.AvgPrice);
        }

        lane.RowSwing.Add(in row);
        CheckOpenPositionLimits(lane);
        long t = StageStart();
        bool evaluated = false;
        DeltaScoutEvaluation evaluation = default;
        if (_signal == SignalSource.DeltaScout)
        {
            evaluated = lane.Scout.OnRow(in row, out evaluation);
        }

        StageEnd(Stage.Signal, t);

        ref OutputEvent o = ref ClaimOutput(OutputKind.RowClosed);
        o.Row = row;
        o.HasEvaluation = evaluated;
        o.Evaluation = evaluation;
        _out.Publish();

        if (evaluated && evaluation.HasPeak)
        {
            TradeSignal peak = evaluation.Peak;
            peak.LastTradePrice = lane.LastTradePrice;
            peak.Atr = lane.RowAtr.Value;
            EvaluateSignal(lane, ref peak, evaluation.RowStartMs);
        }
    }

    private void OnBarClosed(in VolumeBar bar)
    {
        SymbolLane lane = _lanes[bar.Symbol.Value];
        Counters.Bars++;
        long t = StageStart();
        IndicatorValues indicators = lane.UpdateIndicators(in bar);
        t = StageEnd(Stage.Indicators, t);

        ref OutputEvent o = ref ClaimOutput(OutputKind.BarClosed);
        o.Bar = bar;
        o.Indicators = indicators;
        _out.Publish();

        if (_signal == SignalSource.VolumeBar && lane.BarSignal.OnBar(in bar, in indicators, out TradeSignal signal))
        {
            StageEnd(Stage.Signal, t);
            EvaluateSignal(lane, ref signal, bar.LastTradeTimeMs);
        }
    }

    /// <summary>
    /// The venue's mark price: the risk gate's price band and the open positions' value use it from now on. It moves no
    /// clock (intervals and exits run on trade time), so a replay without mark prices runs exactly as before.
    /// </summary>
    private void OnMarkPrice(in MarkPrice mark)
    {
        if (!TryLane(mark.Symbol, out SymbolLane lane))
        {
            return;
        }

        Counters.MarkPrices++;
        lane.MarkPrice = mark.Price;
        _oms.OnMarkPrice(mark.Symbol, mark.Price);
    }

    private void OnTimer(long timeMs)
    {
        _nowMs = timeMs;
        _risk.AdvanceTo(timeMs);
        PublishBreakerIfChanged();
        _account.AdvanceTo(timeMs);
        _oms.OnClock(timeMs);
        ForwardRequests();
        var rows = new RowSink(this);
        foreach (SymbolLane lane in _lanes)
        {
            lane.Aggregator.AdvanceTo(timeMs, ref rows);
        }
    }

    // The interval still open has not closed: it never reaches the signal or aggregated.csv (a longer input would
    // give it other values, and so another PEAK for the same ts); it is published as left open for the reports.
    private void OnEndOfStream()
    {
        foreach (SymbolLane lane in _lanes)
        {
            if (lane.Aggregator.TryGetOpenRow(out AggregatedRow open))
            {
                ref OutputEvent o = ref ClaimOutput(OutputKind.IntervalLeftOpen);
                o.Row = open;
                o.HasEvaluation = false;
                _out.Publish();
            }
        }

        ClaimOutput(OutputKind.EndOfStream);
        _out.Publish();
    }

    private readonly struct RowSink(TradingEngine<TOut> engine) : IRowSink
    {
        public void OnRow(in AggregatedRow row) => engine.OnRowClosed(in row);
    }

    private readonly struct BarSink(TradingEngine<TOut> engine) : IVolumeBarSink
    {
        public void OnBar(in VolumeBar bar) => engine.OnBarClosed(in bar);
    }
}
