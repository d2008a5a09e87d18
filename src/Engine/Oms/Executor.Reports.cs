using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

public sealed partial class Executor<TOut>
{
    /// <summary>
    /// Applies one venue report: the order moves through the state table (an illegal edge is counted and the order left
    /// unchanged), fills update the position, and the position's plan reacts. Never throws on bad reports.
    /// </summary>
    public void OnReport(in VenueReport report)
    {
        ref Order o = ref _orders.Find(report.ClientId, out bool found);
        if (!found)
        {
            Counters.UnknownOrderReports++;
            return;
        }

        if (report.IsFill && report.CumulativeQuantity <= o.Filled)
        {
            Counters.DuplicateFills++; // TRADE_LITE and ORDER_TRADE_UPDATE both carry each fill
            return;
        }

        if (report.IsFill && report.CumulativeQuantity > o.Quantity)
        {
            Counters.Overfills++; // more than we asked for: a venue bug or a foreign report; reconciliation settles it
            return;
        }

        OrderEvent evt = ToEvent(in report, in o);
        if (!OrderStateMachine.TryNext(o.Status, evt, out OrderStatus next))
        {
            CountIllegal(in o, evt);
            return;
        }

        o.Status = next;
        o.UpdatedMs = report.EventTimeMs;
        if (!report.VenueId.IsNone)
        {
            o.VenueId = report.VenueId;
        }

        int s = o.Symbol.Value;
        if (report.IsFill)
        {
            Quantity last = report.CumulativeQuantity - o.Filled; // trust the cumulative figure over the last one
            o.Filled = report.CumulativeQuantity;
            _positions[s].Apply(o.Side, last, report.LastPrice, report.Fee);
            Counters.Fills++;
        }
        else if (report.Kind == VenueReportKind.Rejected)
        {
            o.LastError = report.ErrorCode;
            Counters.Rejections++;
        }

        ref ExitPlan p = ref _plans[s];
        switch (o.Role)
        {
            case OrderRole.Entry:
                OnEntryUpdate(o.Symbol, ref p, in o, report.EventTimeMs);
                break;
            case OrderRole.StopLoss:
                OnStopUpdate(o.Symbol, ref p, in o, report.EventTimeMs);
                break;
            case OrderRole.TakeProfit1:
            case OrderRole.TakeProfit2:
                OnTakeProfitUpdate(o.Symbol, ref p, in o, report.EventTimeMs);
                break;
            case OrderRole.Flatten:
                if (o.ClientId == p.FlattenId && OrderStateMachine.IsTerminal(o.Status))
                {
                    p.FlattenId = ClientOrderId.None; // OnMark sends another if this one left a position
                }

                break;
            default:
                break;
        }

        if (report.IsFill && p.Phase is ExitPhase.Open or ExitPhase.Flattening && _positions[s].IsFlat)
        {
            OnFlat(ref p, report.EventTimeMs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static OrderEvent ToEvent(in VenueReport report, in Order o) => report.Kind switch
    {
        VenueReportKind.Accepted => OrderEvent.Accepted,
        VenueReportKind.Rejected => OrderEvent.Rejected,
        VenueReportKind.PartiallyFilled => OrderEvent.PartiallyFilled,
        VenueReportKind.Filled => OrderEvent.Filled,
        VenueReportKind.Canceled => OrderEvent.Canceled,
        VenueReportKind.CancelRejected => o.Filled.E8 > 0 ? OrderEvent.CancelRejectedAfterPartialFill : OrderEvent.CancelRejected,
        VenueReportKind.Expired => OrderEvent.Expired,
        VenueReportKind.Unknown => OrderEvent.OutcomeUnknown,
        VenueReportKind.NotFound => OrderEvent.NotFound,
        _ => (OrderEvent)255,
    };

    private void OnEntryUpdate(SymbolId symbol, ref ExitPlan p, in Order o, long timeMs)
    {
        if (o.ClientId != p.EntryId || p.Phase != ExitPhase.Entering || !OrderStateMachine.IsTerminal(o.Status))
        {
            return; // exits are placed once the entry is done (filled, or ended after a partial fill)
        }

        if (o.Filled.E8 == 0)
        {
            Counters.EntriesFailed++;
            p.Phase = ExitPhase.Idle;
            return;
        }

        PlaceExits(symbol, ref p, timeMs);
    }

    private void OnStopUpdate(SymbolId symbol, ref ExitPlan p, in Order o, long timeMs)
    {
        if (p.Phase != ExitPhase.Open)
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
            else if (o.Status is OrderStatus.Rejected or OrderStatus.Canceled or OrderStatus.Expired)
            {
                p.PendingStopId = ClientOrderId.None;
                RetryStop(symbol, ref p, timeMs);
            }
        }
        else if (o.ClientId == p.StopId && o.Status is OrderStatus.Canceled or OrderStatus.Expired && p.PendingStopId.IsNone
            && !_positions[symbol.Value].IsFlat)
        {
            p.StopId = ClientOrderId.None; // the venue dropped our working stop: put one back
            RetryStop(symbol, ref p, timeMs);
        }
    }

    private void OnTakeProfitUpdate(SymbolId symbol, ref ExitPlan p, in Order o, long timeMs)
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
