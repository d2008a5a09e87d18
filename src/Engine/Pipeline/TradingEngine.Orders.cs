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
            if (request.Command == OrderCommand.Submit)
            {
                _figures.Orders++;
            }
            else if (request.Command == OrderCommand.Cancel)
            {
                _figures.Cancels++;
            }

            ref OutputEvent o = ref ClaimOutput(OutputKind.OrderRequested);
            o.Order = request;
            ref readonly Order order = ref _oms.OrderOf(request.ClientId, out bool known);
            o.OrderRole = known && request.Command == OrderCommand.Submit ? order.Role : OrderRole.None;
            _out.Publish();
            _venue?.Submit(in request);
        }

        if (count > 0)
        {
            PublishFigures();
        }

        return count;
    }

    /// <summary>
    /// A scripted entry (tests): the plan goes straight to the OMS, without a signal or the risk gate, and what the OMS
    /// sends goes to the venue and the output as any other request. OMS and venue tests drive the real engine this way.
    /// </summary>
    internal EntryDecision SubmitEntry(in EntryPlan plan)
    {
        EntryDecision decision = _oms.OnEntry(in plan);
        ForwardRequests();
        return decision;
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
        ReportResult result = _oms.OnReport(in report); // the OMS accounts the fill: role, PnL, fee, round trip
        ref OutputEvent o = ref ClaimOutput(OutputKind.VenueReported);
        o.Report = report;
        o.ReportOutcome = result.Outcome;
        o.OrderStatus = result.Status;
        o.OrderRole = result.Role;
        o.RealizedPnl = result.RealizedPnl;
        o.TimeMs = report.EventTimeMs;
        _out.Publish();
        if (_signal == SignalSource.LatencyProbe)
        {
            OnProbeReport(in report, in result); // its requests go out with the caller's ForwardRequests
        }

        if (!result.FillApplied || !TryLane(report.Symbol, out SymbolLane lane))
        {
            if (_oms.AwaitingVenue != _figures.AwaitingVenue)
            {
                PublishFigures(); // an acknowledgement or a cancel's end: a stop waits for these
            }

            return; // a duplicate fill changed nothing: nobody downstream counts it
        }

        Counters.Fills++;
        _figures.Fills++;
        if (result.ClosedRoundTrip)
        {
            OnPositionClosed(lane, in _oms.LastClosed(lane.Id));
        }

        PublishFigures();
    }

    /// <summary>Publishes the round trip the OMS closed and checks the account limits at this fill.</summary>
    private void OnPositionClosed(SymbolLane lane, in ClosedPosition closed)
    {
        lane.LastCloseMs = closed.ClosedMs;
        ref OutputEvent o = ref ClaimOutput(OutputKind.PositionClosed);
        o.Position = closed;
        o.TimeMs = closed.ClosedMs;
        _out.Publish();
        Counters.PositionsClosed++;
        _figures.PositionsClosed++;
        _figures.RealizedPnl += closed.RealizedPnl;
        _figures.Fees += closed.Fees;

        _account.OnPositionClosed(in closed);
        CheckAccountLimits(lane, closed.ClosedMs); // trips the breaker at this fill, not at the next signal
    }

    /// <summary>
    /// Checks the account limits (drawdown on equity marked at the mark prices, else the last trade prices; daily loss on realised PnL) and
    /// trips the breaker as configured; on HALTED the OMS cancels entries and flattens.
    /// </summary>
    private void CheckAccountLimits(SymbolLane lane, long timeMs)
    {
        Money openPnl = _oms.OpenPnl();
        RiskInputs inputs = new()
        {
            TimeMs = timeMs,
            Equity = _account.MarkedEquity(openPnl),
            OpenPnl = openPnl,
            EquityPeak = _account.EquityPeak,
            DailyRealisedPnl = _account.DailyRealizedPnl,
            ConsecutiveLosses = _account.ConsecutiveLosses,
            TradesToday = _account.TradesToday,
            LastCloseTimeMs = _cooldownPerSymbol ? lane.LastCloseMs : _account.LastCloseTimeMs,
            LastTradePrice = lane.LastTradePrice,
            MarkPrice = lane.MarkPrice,
            Filters = lane.Filters,
        };
        _risk.CheckLimits(in inputs);
        PublishBreakerIfChanged();
    }

    /// <summary>
    /// A closed row of a symbol with an open position: equity is marked there, so a losing open position trips the
    /// drawdown limit before it closes (once per row, not per trade).
    /// </summary>
    private void CheckOpenPositionLimits(SymbolLane lane)
    {
        if (_oms.PositionOf(lane.Id).IsFlat)
        {
            return;
        }

        CheckAccountLimits(lane, _nowMs);
        if (_requests.Count != 0)
        {
            ForwardRequests(); // a halt's flatten
        }
    }

    private void OnOperator(in OperatorCommand command)
    {
        if (command.TimeMs > 0)
        {
            _nowMs = command.TimeMs; // 0: at the current event time (a command from `engine ctl`)
        }

        OperatorCommandKind kind = command.Kind;
        var applied = new OperatorCommand(kind == OperatorCommandKind.CancelAll ? OperatorCommandKind.Halt : kind, command.Symbol, _nowMs);
        _risk.Apply(in applied);
        if (kind == OperatorCommandKind.Resume)
        {
            _account.OnOperatorResume(_nowMs); // the streak, today's loss and the drawdown peak start afresh
        }

        if (kind == OperatorCommandKind.NewSession)
        {
            _oms.StartSession();
        }

        if (kind == OperatorCommandKind.Flatten)
        {
            foreach (SymbolLane lane in _lanes)
            {
                _oms.FlattenNow(lane.Id, _nowMs);
            }
        }

        PublishBreakerIfChanged();
        if (kind == OperatorCommandKind.CancelAll)
        {
            _oms.CancelAllWorking(_nowMs);
        }

        if (kind == OperatorCommandKind.Reduce)
        {
            _oms.ResendBackedOffStops(_nowMs); // the orderly stop's command: no timer will come to resend them
        }

        ForwardRequests();
        PublishOperatorFigures();
    }

    /// <summary>What an operator's answer reports: the breaker state, working orders and open positions after the command.</summary>
    private void PublishOperatorFigures()
    {
        int open = 0;
        foreach (SymbolLane lane in _lanes)
        {
            open += _oms.PositionOf(lane.Id).IsFlat ? 0 : 1;
        }

        _figures.OperatorCommands++;
        _figures.State = _risk.State;
        _figures.WorkingOrders = _oms.WorkingOrders;
        _figures.OpenPositions = open;
        PublishFigures();
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
