using Engine.Model;
using Engine.Oms;
using Engine.Risk;

namespace Engine.Pipeline;

public sealed partial class TradingEngine<TOut>
{
    /// <summary>Stage 5 then 6: the risk gate admits or rejects the signal; an admitted one becomes an entry.</summary>
    private void EvaluateSignal(SymbolLane lane, ref TradeSignal signal, long rowStartMs)
    {
        long emitted = Timing.EngineClock.Timestamp(); // signals are rare: every one is timed
        Counters.Signals++;
        _account.AdvanceTo(_nowMs);
        signal.TimeMs = _nowMs;
        RiskInputs inputs = RiskInputsFor(lane, in signal);

        long t = StageStart();
        RiskVerdict verdict = _risk.Check(in signal, in inputs, out OrderSizing sizing);
        t = StageEnd(Stage.Risk, t);
        PublishBreakerIfChanged();

        EntryDecision entry = EntryDecision.Submitted;
        SignalDecision decision = SignalDecision.RiskRejected;
        if (verdict == RiskVerdict.Admitted)
        {
            Counters.SignalsAdmitted++;
            EntryPlan plan = EntryPlans.FromSizing(lane.Id, in sizing, _nowMs);
            entry = _oms.OnEntry(in plan);
            decision = entry == EntryDecision.Submitted ? SignalDecision.Submitted : SignalDecision.OmsBlocked;
            if (entry == EntryDecision.Submitted)
            {
                _account.OnEntrySubmitted(_nowMs);
            }
        }

        ref OutputEvent o = ref ClaimOutput(OutputKind.SignalEvaluated);
        o.Signal.Signal = signal;
        o.Signal.RowStartMs = rowStartMs;
        o.Signal.Decision = decision;
        o.Signal.Verdict = verdict;
        o.Signal.Entry = entry;
        o.Signal.Sizing = sizing;
        _out.Publish();
        _figures.Signals++;
        PublishFigures();

        if (ForwardRequests() > 0)
        {
            StageEnd(Stage.Oms, t);
            _latency.Record(Stage.SignalToOrder, emitted, Timing.EngineClock.Timestamp());
        }
    }

    private RiskInputs RiskInputsFor(SymbolLane lane, in TradeSignal signal)
    {
        ref readonly Position position = ref _oms.PositionOf(lane.Id);
        Money openPnl = _oms.OpenPnl();
        Money equity = _account.MarkedEquity(openPnl);
        return new RiskInputs
        {
            TimeMs = _nowMs,
            Equity = equity,
            OpenPnl = openPnl,
            EquityPeak = _account.EquityPeak,
            DailyRealisedPnl = _account.DailyRealizedPnl,
            ConsecutiveLosses = _account.ConsecutiveLosses,
            TradesToday = _account.TradesToday,
            LastCloseTimeMs = _cooldownPerSymbol ? lane.LastCloseMs : _account.LastCloseTimeMs,
            OpenPositions = position.IsFlat ? 0 : 1,
            SymbolExposure = position.IsFlat ? Money.Zero : Money.Notional(lane.LastTradePrice, position.AbsoluteSize),
            LastTradePrice = lane.LastTradePrice,
            MarkPrice = lane.MarkPrice,
            Atr = signal.Atr,
            SwingLow = lane.RowSwing.Low,
            SwingHigh = lane.RowSwing.High,
            Filters = lane.Filters,
        };
    }
}
