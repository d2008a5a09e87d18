using Engine.Binance.Live.Orders;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

// What a reconciliation asks the tracker and tells it: the orders it believes open, and what the venue's answers found.
public sealed partial class UserOrderTracker
{
    /// <summary>The engine's orders the tracker believes still working (not ended, not wholly filled).</summary>
    internal List<(ClientOrderId Id, TrackedOrder Order)> WorkingOrders()
    {
        var list = new List<(ClientOrderId, TrackedOrder)>();
        foreach (KeyValuePair<long, TrackedOrder> kv in _orders)
        {
            TrackedOrder o = kv.Value;
            bool filled = o.OriginalQuantity.E8 != 0 && o.Filled >= o.OriginalQuantity;
            if (!o.Ended && !filled && !o.VenueId.IsNone)
            {
                list.Add((new ClientOrderId(kv.Key), o));
            }
        }

        return list;
    }

    /// <summary>The engine's algo orders not yet ended, by algo id.</summary>
    internal List<(long AlgoId, TrackedAlgo Algo)> WorkingAlgos()
    {
        var list = new List<(long, TrackedAlgo)>();
        foreach (KeyValuePair<long, TrackedAlgo> kv in _algoStatus)
        {
            if (!IsAlgoEnd(kv.Value.Status) && kv.Value.Status != VenueOrderStatus.Triggered)
            {
                list.Add((kv.Key, kv.Value));
            }
        }

        return list;
    }

    internal bool TryClientOf(OrderId venueId, out ClientOrderId id)
    {
        bool found = _clientByVenueId.TryGetValue(venueId.Value, out long value);
        id = new ClientOrderId(value);
        return found;
    }

    /// <summary>An order a venue answer named (open orders, an order query): remembered, and Accepted when the stream had not said so.</summary>
    internal void OnOrderFound(ClientOrderId id, SymbolId symbol, Side side, OrderId venueId, Quantity quantity, bool working, long timeMs)
    {
        ref TrackedOrder o = ref Track(id, symbol, side, venueId, quantity);
        if (working && o.LastStatus == VenueReportKind.None && o.Filled.E8 == 0)
        {
            OnStatus(ref o, VenueReportKind.Accepted, id, venueId, timeMs);
            UserStreamStatistics.Add(ref _stats.StatusesRecoveredField);
        }
    }

    /// <summary>An end (canceled, expired, rejected) an order query found that the stream had not delivered.</summary>
    internal void OnStatusFound(ClientOrderId id, VenueReportKind kind, long timeMs)
    {
        if (!_orders.ContainsKey(id.Value))
        {
            return;
        }

        ref TrackedOrder o = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(_orders, id.Value);
        if (o.LastStatus != kind)
        {
            UserStreamStatistics.Add(ref _stats.StatusesRecoveredField);
        }

        OnStatus(ref o, kind, id, o.VenueId, timeMs);
    }

    /// <summary>
    /// A fill from the userTrades query: reported like a streamed one (once: the stream may have brought it too).
    /// <paramref name="origin"/> says who placed the order (<paramref name="id"/> is ours only for the engine's). True when it was new.
    /// </summary>
    internal bool OnFillFound(
        OrderOrigin origin, ClientOrderId id, SymbolId symbol, Side side, OrderId venueId, Quantity quantity, Price price, long tradeId, bool maker,
        Money commission, bool commissionInQuote, Money realized, long timeMs)
    {
        long duplicatesBefore = _stats.DuplicateFills;
        if (origin != OrderOrigin.Engine)
        {
            OnForeignFill(origin, symbol, side, quantity, price, tradeId, commission, commissionInQuote, realized, timeMs);
        }
        else
        {
            ref TrackedOrder o = ref Track(id, symbol, side, venueId, default);
            OnFill(ref o, id, venueId, quantity, price, tradeId, maker, commission, commissionInQuote, realized, timeMs);
        }

        bool added = _stats.DuplicateFills == duplicatesBefore;
        if (added)
        {
            UserStreamStatistics.Add(ref _stats.FillsRecoveredField);
        }
        else
        {
            Interlocked.Decrement(ref _stats.DuplicateFillsField); // the stream had it: expected, not a duplicate frame
        }

        return added;
    }

    /// <summary>A position as a reconciliation read it, passed on as an account update.</summary>
    internal void OnPositionFound(SymbolId symbol, Quantity amount, Price entry, long timeMs)
    {
        var update = new AccountUpdate
        {
            Kind = AccountUpdateKind.Position,
            Reason = AccountUpdateReason.Reconciliation,
            Symbol = symbol,
            Amount = amount,
            Price = entry,
            EventTimeMs = timeMs,
        };
        _sink.OnAccountUpdate(in update);
    }
}
