using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

public sealed partial class OrderManager<TOut>
{
    /// <summary>
    /// Event time moves on without a trade (the engine's timer): orders whose outcome is open are still queried and,
    /// in the end, settled, and a protective stop whose back-off after a transient refusal is over is sent again (a
    /// quiet market must not leave a position without its stop until the next trade).
    /// </summary>
    public void OnClock(long timeMs)
    {
        if (_unresolved != 0 && timeMs >= _nextSweepMs)
        {
            SweepUnresolved(timeMs);
        }

        ResendStops(timeMs, dueOnly: true);
    }

    /// <summary>
    /// Sends at once every protective stop still waiting out its back-off: the engine is being stopped (the orderly
    /// stop's Reduce), its feed and timer are gone, and nothing else would ever resend it.
    /// </summary>
    public void ResendBackedOffStops(long timeMs) => ResendStops(timeMs, dueOnly: false);

    private void ResendStops(long timeMs, bool dueOnly)
    {
        for (int s = 0; s < _plans.Length; s++)
        {
            ResendStopIfBackedOff(new SymbolId(s), ref _plans[s], timeMs, dueOnly);
        }
    }

    // A stop refused for a transient reason waits out its back-off (RetryStop); when it is over (or at once, not
    // dueOnly), the same stop is sent again.
    private void ResendStopIfBackedOff(SymbolId symbol, ref PositionPlan p, long timeMs, bool dueOnly)
    {
        if (p.StopRetryAtMs != 0 && (!dueOnly || timeMs >= p.StopRetryAtMs) && p.Phase is ExitPhase.Entering or ExitPhase.Open)
        {
            p.StopRetryAtMs = 0;
            MoveStop(symbol, ref p, p.PendingStopPrice, timeMs);
        }
    }

    /// <summary>
    /// The defined outcome of an order whose outcome is open. Unknown (a submit that timed out): queried at once and
    /// every <c>QueryIntervalMs</c>; still unknown after <c>UnresolvedTimeoutMs</c>, it is cancelled by client id.
    /// PendingCancel: queried every <c>QueryIntervalMs</c>; still unanswered after <c>UnresolvedTimeoutMs</c>, it is taken
    /// as cancelled (counted in <see cref="OmsCounters.UnresolvedOrdersEnded"/>), which frees its slot; a fill that
    /// still turns up later is applied (Canceled → Filled) and protected like any other.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SweepUnresolved(long timeMs)
    {
        _nextSweepMs = timeMs + Math.Min(_queryIntervalMs, 1000);
        Span<Order> slots = _orders.Slots;
        for (int i = 0; i < slots.Length && _unresolved != 0; i++)
        {
            ref Order o = ref slots[i];
            if (!OrderStateMachine.IsUnresolved(o.Status))
            {
                continue;
            }

            if (timeMs - o.UnresolvedSinceMs >= _unresolvedTimeoutMs)
            {
                EndUnresolved(ref o, timeMs);
            }
            else if (timeMs - o.LastQueryMs >= _queryIntervalMs)
            {
                Query(ref o, timeMs);
            }
        }
    }

    private void EndUnresolved(ref Order o, long timeMs)
    {
        if (o.Status == OrderStatus.Unknown)
        {
            Cancel(o.ClientId, timeMs); // cancelling by client id settles it either way
            return;
        }

        Counters.UnresolvedOrdersEnded++;
        SetStatus(ref o, OrderStatus.Canceled, timeMs);
        OnOrderChanged(ref _plans[o.Symbol.Value], in o, timeMs);
    }

    private void Query(ref Order o, long timeMs)
    {
        o.LastQueryMs = timeMs;
        Counters.QueriesSent++;
        _out.OnOrderRequest(OrderRequest.QueryOf(o.ClientId, o.VenueId, o.Symbol, o.Type, timeMs));
    }
}
