using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

public sealed partial class OrderManager<TOut>
{
    /// <summary>
    /// Applies one venue report: the order moves through the state table (an illegal edge is counted and the order left
    /// unchanged), fills update the position, and the position's plan reacts. Never throws on bad reports. The result
    /// says whether a fill was applied (so nobody downstream counts a duplicate twice), the order's role, the PnL and fee
    /// the fill booked, and whether it closed the round trip (<see cref="LastClosed"/>): the only PnL accounting there is.
    /// </summary>
    public ReportResult OnReport(in VenueReport report)
    {
        ref Order o = ref _orders.Find(report.ClientId, out bool found);
        if (!found)
        {
            Counters.UnknownOrderReports++;
            return new ReportResult { Outcome = ReportOutcome.UnknownOrder };
        }

        bool overfill = false;
        if (report.IsFill)
        {
            if (report.CumulativeQuantity <= o.Filled || (report.TradeId != 0 && report.TradeId == o.LastTradeId))
            {
                Counters.DuplicateFills++; // TRADE_LITE and ORDER_TRADE_UPDATE both carry each fill
                return new ReportResult { Outcome = ReportOutcome.Duplicate, Role = o.Role, Status = o.Status };
            }

            overfill = report.CumulativeQuantity > o.Quantity;
        }

        OrderEvent evt = overfill ? OrderEvent.Filled : ToEvent(in report, in o);
        if (!OrderStateMachine.TryNext(o.Status, evt, out OrderStatus next))
        {
            CountIllegal(in o, evt);
            return new ReportResult { Outcome = ReportOutcome.Illegal, Role = o.Role, Status = o.Status };
        }

        SetStatus(ref o, next, report.EventTimeMs);
        if (!report.VenueId.IsNone)
        {
            o.VenueId = report.VenueId;
        }

        if (report.Kind is VenueReportKind.Accepted or VenueReportKind.PartiallyFilled or VenueReportKind.Filled or VenueReportKind.Canceled or VenueReportKind.Expired
            || !report.VenueId.IsNone)
        {
            o.Acknowledged = true;
        }

        int s = o.Symbol.Value;
        Money realized = Money.Zero;
        bool closedRoundTrip = false;
        if (report.IsFill)
        {
            Quantity last = report.CumulativeQuantity - o.Filled; // trust the cumulative figure over the last one
            o.Filled = report.CumulativeQuantity;
            o.LastTradeId = report.TradeId;
            realized = _positions[s].Apply(o.Side, last, report.LastPrice, report.Fee);
            closedRoundTrip = _roundTrips[s].OnFill(in _positions[s], in report, o.Side, last, o.Role, ref _closed[s]);
            Counters.Fills++;
            if (overfill)
            {
                Counters.Overfills++; // more than we asked for: the venue's fill is the position; Protect reconciles the plan
            }
        }
        else if (report.Kind == VenueReportKind.Rejected)
        {
            o.LastError = report.ErrorCode;
            Counters.Rejections++;
            if (evt == OrderEvent.OutcomeUnknown)
            {
                Counters.OutcomesUnknown++;
            }
        }

        ref PositionPlan p = ref _plans[s];
        OnOrderChanged(ref p, in o, report.EventTimeMs);

        if (evt == OrderEvent.OutcomeUnknown)
        {
            Query(ref o, report.EventTimeMs); // never resend while the outcome is open: ask
        }

        if (report.IsFill)
        {
            if (_positions[s].IsFlat)
            {
                if (p.Phase is ExitPhase.Open or ExitPhase.Flattening)
                {
                    OnFlat(ref p, report.EventTimeMs, closed: true);
                }
            }
            else
            {
                Protect(o.Symbol, ref p, report.EventTimeMs);
            }
        }

        return new ReportResult
        {
            Outcome = overfill ? ReportOutcome.Overfill : ReportOutcome.Applied,
            Role = o.Role,
            Status = o.Status,
            FillApplied = report.IsFill,
            RealizedPnl = realized,
            Fee = report.IsFill ? report.Fee : Money.Zero,
            ClosedRoundTrip = closedRoundTrip,
        };
    }

    /// <summary>The order moved: its position's plan reacts by the order's role.</summary>
    private void OnOrderChanged(ref PositionPlan p, in Order o, long timeMs)
    {
        switch (o.Role)
        {
            case OrderRole.Entry:
                OnEntryUpdate(o.Symbol, ref p, in o, timeMs);
                break;
            case OrderRole.StopLoss:
                OnStopUpdate(o.Symbol, ref p, in o, timeMs);
                break;
            case OrderRole.TakeProfit1:
            case OrderRole.TakeProfit2:
                OnTakeProfitUpdate(o.Symbol, ref p, in o, timeMs);
                break;
            case OrderRole.Flatten:
                if (o.ClientId == p.FlattenId && OrderStateMachine.IsTerminal(o.Status))
                {
                    p.FlattenId = ClientOrderId.None; // Protect (or the next mark) sends another if this one left a position
                    if (o.Status == OrderStatus.Rejected)
                    {
                        Counters.FlattenRejections++;
                        p.FlattenRetryAtMs = timeMs + _retryBackoffMs;
                    }
                }

                break;
            default:
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static OrderEvent ToEvent(in VenueReport report, in Order o) => report.Kind switch
    {
        VenueReportKind.Accepted => OrderEvent.Accepted,
        VenueReportKind.Rejected => VenueErrorPolicy.Classify(report.ErrorCode) == VenueErrorAction.OutcomeUnknown
            ? OrderEvent.OutcomeUnknown // a timeout or an internal error is not a refusal: it may have executed
            : OrderEvent.Rejected,
        VenueReportKind.PartiallyFilled => OrderEvent.PartiallyFilled,
        VenueReportKind.Filled => OrderEvent.Filled,
        VenueReportKind.Canceled => OrderEvent.Canceled,
        VenueReportKind.CancelRejected => o.OutcomeWasUnknown && !o.Acknowledged && o.Filled.E8 == 0
            ? OrderEvent.NotFound // -2011 for a submit left Unknown and never acknowledged: the venue has no such order
            : o.Filled.E8 > 0 ? OrderEvent.CancelRejectedAfterPartialFill : OrderEvent.CancelRejected,
        VenueReportKind.Expired => OrderEvent.Expired,
        VenueReportKind.Unknown => OrderEvent.OutcomeUnknown,
        VenueReportKind.NotFound => OrderEvent.NotFound,
        _ => (OrderEvent)255,
    };

    private void OnEntryUpdate(SymbolId symbol, ref PositionPlan p, in Order o, long timeMs)
    {
        if (o.ClientId != p.EntryId || !OrderStateMachine.IsTerminal(o.Status))
        {
            return; // fills while it works are protected by Protect; the take-profits wait for the entry to end
        }

        if (p.Phase == ExitPhase.Entering)
        {
            if (o.Filled.E8 == 0 && _positions[symbol.Value].IsFlat)
            {
                Counters.EntriesFailed++;
                p.Phase = ExitPhase.Idle;
                return;
            }

            if (p.CloseEntryFills)
            {
                Flatten(symbol, ref p, p.FlattenReason == FlattenReason.None ? FlattenReason.Halted : p.FlattenReason, timeMs);
                return;
            }

            PlaceExits(symbol, ref p, timeMs);
        }
    }

    private void OnStopUpdate(SymbolId symbol, ref PositionPlan p, in Order o, long timeMs)
    {
        if (p.Phase is not (ExitPhase.Entering or ExitPhase.Open))
        {
            return;
        }

        if (o.ClientId == p.PendingStopId)
        {
            if (o.Status is OrderStatus.Accepted or OrderStatus.PartiallyFilled or OrderStatus.Filled)
            {
                ClientOrderId old = p.StopId;
                p.StopId = p.PendingStopId;
                p.StopPrice = p.PendingStopPrice;
                p.PendingStopId = ClientOrderId.None;
                p.StopAttemptsLeft = _stopRetries;
                Cancel(old, timeMs); // the new stop is working: only now retire the old one
            }
            else if (o.Status == OrderStatus.Rejected)
            {
                p.PendingStopId = ClientOrderId.None;
                OnStopRefused(symbol, ref p, o.LastError, timeMs);
            }
            else if (o.Status is OrderStatus.Canceled or OrderStatus.Expired)
            {
                p.PendingStopId = ClientOrderId.None;
                RetryStop(symbol, ref p, timeMs); // the venue dropped it before it worked
            }
        }
        else if (o.ClientId == p.StopId && o.Status is OrderStatus.Canceled or OrderStatus.Expired && p.PendingStopId.IsNone
            && !_positions[symbol.Value].IsFlat)
        {
            p.StopId = ClientOrderId.None; // the venue dropped our working stop: put one back
            p.StopSize = Quantity.Zero;
            RetryStop(symbol, ref p, timeMs);
        }
    }

    /// <summary>A stop the venue refused, by its error code (<see cref="VenueErrorPolicy"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnStopRefused(SymbolId symbol, ref PositionPlan p, BinanceErrorCode error, long timeMs)
    {
        switch (VenueErrorPolicy.Classify(error))
        {
            case VenueErrorAction.WouldTriggerImmediately:
                Counters.StopsWouldTrigger++;
                Flatten(symbol, ref p, FlattenReason.StopWouldTrigger, timeMs); // price is already through the stop
                break;
            case VenueErrorAction.BackOffAndResend:
                RetryStop(symbol, ref p, timeMs);
                break;
            default:
                Counters.StopsRejectedFinal++;
                Counters.EmergencyFlattens++;
                Flatten(symbol, ref p, FlattenReason.StopPlacementFailed, timeMs); // the same stop would be refused again
                break;
        }
    }

    private void OnTakeProfitUpdate(SymbolId symbol, ref PositionPlan p, in Order o, long timeMs)
    {
        if (p.Phase != ExitPhase.Open || o.Status != OrderStatus.Filled || _positions[symbol.Value].IsFlat)
        {
            return;
        }

        if (o.ClientId == p.TakeProfit1Id && p.Stage == ExitStage.Initial)
        {
            p.Stage = ExitStage.BreakEven;
            MoveStop(symbol, ref p, p.EntryPrice, timeMs);
        }
        else if (o.ClientId == p.TakeProfit2Id && p.Stage != ExitStage.Trailing)
        {
            p.Stage = ExitStage.Trailing;
            p.TrailBest = o.Price; // trailing starts from the TP2 price, whatever the trade that filled it
            Price trail = TrailStop(symbol, in p);
            MoveStop(symbol, ref p, Better(in p, trail, p.EntryPrice), timeMs);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CountIllegal(in Order o, OrderEvent evt)
    {
        Counters.IllegalTransitions++;
        Counters.LastIllegalFrom = o.Status;
        Counters.LastIllegalEvent = evt;
        Counters.LastIllegalOrder = o.ClientId;
    }
}
