using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Oms;
using Engine.Risk;

namespace Engine.Pipeline;

public sealed partial class TradingEngine<TOut>
{
    /// <summary>Publishes every request the OMS wrote and hands it to the paper venue; returns how many.</summary>
    private int ForwardRequests()
    {
        int count = 0;
        while (_requests.TryDequeue(out OrderRequest request))
        {
            Counters.OrderRequests++;
            count++;
            ref OutputEvent o = ref ClaimOutput(OutputKind.OrderRequested);
            o.Order = request;
            ref readonly Order order = ref _oms.OrderOf(request.ClientId, out bool known);
            o.OrderRole = known && request.Command == OrderCommand.Submit ? order.Role : OrderRole.None;
            _out.Publish();
            _venue?.Submit(in request);
        }

        return count;
    }

    /// <summary>Hands the paper venue's reports to the OMS in event-time order, and what the OMS sends in return back.</summary>
    private void DeliverReports()
    {
        while (_venue!.TryTakeReport(out VenueReport report))
        {
            ApplyReport(in report);
            ForwardRequests();
        }
    }

    private void ApplyReport(in VenueReport report)
    {
        Counters.Reports++;
        ReportOutcome outcome = _oms.OnReport(in report);
        bool applied = outcome is ReportOutcome.Applied or ReportOutcome.Overfill;
        ref OutputEvent o = ref ClaimOutput(OutputKind.VenueReported);
        o.Report = report;
        o.ReportOutcome = outcome;
        o.TimeMs = report.EventTimeMs;
        _out.Publish();

        if (!report.IsFill || !applied || !TryLane(report.Symbol, out SymbolLane lane))
        {
            return; // a duplicate fill changed nothing: nobody downstream counts it
        }

        Counters.Fills++;
        TrackRoundTrip(lane, in report);
    }

    /// <summary>Follows the position from the fill that leaves flat to the fill that returns to flat.</summary>
    private void TrackRoundTrip(SymbolLane lane, in VenueReport fill)
    {
        ref readonly Position p = ref _oms.PositionOf(lane.Id);
        if (!lane.InPosition)
        {
            if (p.IsFlat)
            {
                return;
            }

            lane.InPosition = true;
            lane.EntrySide = fill.Side;
            lane.OpenedMs = fill.EventTimeMs;
            lane.RealizedAtOpen = p.RealizedPnl;
            lane.FeesAtOpen = p.Fees - fill.Fee;
            lane.ExitNotional = Money.Zero;
            lane.ExitQuantity = Quantity.Zero;
        }
        else if (fill.Side != lane.EntrySide)
        {
            lane.ExitNotional += Money.Notional(fill.LastPrice, fill.LastQuantity);
            lane.ExitQuantity += fill.LastQuantity;
        }

        if (!p.IsFlat)
        {
            lane.EntryPrice = p.AveragePrice;
            if (p.AbsoluteSize > lane.MaxSize)
            {
                lane.MaxSize = p.AbsoluteSize;
            }

            return;
        }

        lane.InPosition = false;
        lane.LastCloseMs = fill.EventTimeMs;
        ref OutputEvent o = ref ClaimOutput(OutputKind.PositionClosed);
        ref ClosedPosition c = ref o.Position;
        c.Symbol = lane.Id;
        c.Side = lane.EntrySide;
        c.OpenedMs = lane.OpenedMs;
        c.ClosedMs = fill.EventTimeMs;
        c.Quantity = lane.MaxSize;
        c.EntryPrice = lane.EntryPrice;
        c.ExitPrice = lane.ExitQuantity.E8 == 0 ? Price.Zero : new Price((long)(((Int128)lane.ExitNotional.E8 * FixedPoint.Scale) / lane.ExitQuantity.E8));
        c.RealizedPnl = p.RealizedPnl - lane.RealizedAtOpen;
        c.Fees = p.Fees - lane.FeesAtOpen;
        o.TimeMs = fill.EventTimeMs;
        ClosedPosition closed = c;
        _out.Publish();
        lane.MaxSize = Quantity.Zero;
        Counters.PositionsClosed++;

        _account.OnPositionClosed(in closed);
        RiskInputs inputs = new()
        {
            TimeMs = closed.ClosedMs,
            Equity = _account.Equity,
            EquityPeak = _account.EquityPeak,
            DailyRealisedPnl = _account.DailyRealizedPnl,
            ConsecutiveLosses = _account.ConsecutiveLosses,
            TradesToday = _account.TradesToday,
            LastCloseTimeMs = _cooldownPerSymbol ? lane.LastCloseMs : _account.LastCloseTimeMs,
            LastTradePrice = lane.LastTradePrice,
            Filters = lane.Filters,
        };
        _risk.CheckLimits(in inputs); // trips the breaker at this fill, not at the next signal
        PublishBreakerIfChanged();
    }

    private void OnOperator(in OperatorCommand command)
    {
        _nowMs = command.TimeMs;
        _risk.Apply(in command);
        if (command.Kind == OperatorCommandKind.Resume)
        {
            _account.OnOperatorResume(_nowMs); // the streak, today's loss and the drawdown peak start afresh
        }

        if (command.Kind == OperatorCommandKind.Flatten)
        {
            foreach (SymbolLane lane in _lanes)
            {
                _oms.FlattenNow(lane.Id, _nowMs);
            }
        }

        PublishBreakerIfChanged();
        ForwardRequests();
    }

    // Runs on every trade: one compare inline, the rare change out of line.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PublishBreakerIfChanged()
    {
        if (_risk.State != _breakerState)
        {
            PublishBreakerChange();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PublishBreakerChange()
    {
        TradingState state = _risk.State;
        _breakerState = state;
        _oms.OnTradingState(state, _nowMs); // gates every later order; leaving ACTIVE cancels working entries

        ref OutputEvent o = ref ClaimOutput(OutputKind.BreakerChanged);
        o.BreakerState = state;
        _out.Publish();
    }
}
