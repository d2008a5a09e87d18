using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Risk;

namespace Engine.Oms;

public sealed partial class OrderManager<TOut>
{
    /// <summary>
    /// After every fill: the position must be what its plan expects, and protected. An entry's first fill places the
    /// stop and each later one resizes it; a fill while flattening is flattened; a fill no plan expects (a late fill
    /// after the entry was given up, a position on the wrong side after an overfill) is protected or closed, never
    /// left naked.
    /// </summary>
    private void Protect(SymbolId symbol, ref PositionPlan p, long timeMs)
    {
        ref readonly Position position = ref _positions[symbol.Value];
        if (position.IsFlat)
        {
            return; // OnReport ends the plan when a fill leaves the position flat
        }

        bool planSide = (position.Size.E8 > 0) == (p.EntrySide == Side.Buy);
        switch (p.Phase)
        {
            case ExitPhase.Idle:
                if (!planSide || p.EntryId.IsNone)
                {
                    p.EntrySide = position.Size.E8 > 0 ? Side.Buy : Side.Sell;
                    Flatten(symbol, ref p, FlattenReason.Unplanned, timeMs);
                }
                else if (p.CloseEntryFills)
                {
                    Flatten(symbol, ref p, p.FlattenReason == FlattenReason.None ? FlattenReason.Operator : p.FlattenReason, timeMs);
                }
                else
                {
                    Counters.LateEntryFills++;
                    PlaceExits(symbol, ref p, timeMs); // the entry filled after it was given up (Canceled → Filled)
                }

                break;
            case ExitPhase.Entering:
            case ExitPhase.Open:
                if (!planSide)
                {
                    Flatten(symbol, ref p, FlattenReason.Unplanned, timeMs);
                }
                else if (position.AbsoluteSize > p.StopSize && p.StopRetryAtMs == 0) // a smaller position: the reduce-only stop still covers it
                {
                    MoveStop(symbol, ref p, p.CurrentStopPrice.E8 > 0 ? p.CurrentStopPrice : InitialStop(symbol, in p), timeMs);
                }

                break;
            case ExitPhase.Flattening:
                if (p.FlattenId.IsNone && timeMs >= p.FlattenRetryAtMs)
                {
                    SubmitFlatten(symbol, ref p, timeMs);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>
    /// The first stop: the risk gate's, or (given only a distance) the first fill's price ∓ the distance, rounded to the
    /// tick toward the entry so the loss at the stop never exceeds what the size was computed for.
    /// </summary>
    private Price InitialStop(SymbolId symbol, in PositionPlan p)
    {
        if (p.PlannedStopPrice.E8 > 0)
        {
            return p.PlannedStopPrice;
        }

        ref readonly VenueFilters f = ref _filters[symbol.Value];
        Price average = _positions[symbol.Value].AveragePrice;
        return p.EntrySide == Side.Buy
            ? f.CeilToTick(new Price(average.E8 - p.StopDistance.E8))
            : f.FloorToTick(new Price(average.E8 + p.StopDistance.E8));
    }

    /// <summary>The entry is done (or a late fill was adopted): take-profit legs for the position; the stop is already working.</summary>
    private void PlaceExits(SymbolId symbol, ref PositionPlan p, long timeMs)
    {
        int s = symbol.Value;
        ref readonly VenueFilters f = ref _filters[s];
        Quantity size = _positions[s].AbsoluteSize;
        long sign = p.EntrySide == Side.Buy ? 1 : -1;
        p.Phase = ExitPhase.Open;
        p.Stage = ExitStage.Initial;
        p.EntryFilledMs = timeMs;
        p.EntryPrice = f.RoundToTick(_positions[s].AveragePrice);
        p.Legs = ExitLegs.Split(size, f.StepSize, f.MinQuantity);
        p.TakeProfit1Price = f.RoundToTick(new Price(p.EntryPrice.E8 + (sign * Money.MulDivScale(p.StopDistance.E8, _tp1RE8))));
        p.TakeProfit2Price = f.RoundToTick(new Price(p.EntryPrice.E8 + (sign * Money.MulDivScale(p.StopDistance.E8, _tp2RE8))));
        if (size > p.StopSize && p.StopRetryAtMs == 0)
        {
            MoveStop(symbol, ref p, p.CurrentStopPrice.E8 > 0 ? p.CurrentStopPrice : InitialStop(symbol, in p), timeMs);
        }

        if (p.Phase != ExitPhase.Open)
        {
            return; // the stop could not even be queued: already flattening
        }

        Side exit = p.ExitSide;
        if (p.Legs.TakeProfit1.E8 > 0 && TrySubmit(symbol, OrderRole.TakeProfit1, OrderIntent.ReduceOnly, exit, OrderType.Limit, TimeInForce.Gtc, p.TakeProfit1Price, Price.Zero, p.Legs.TakeProfit1, true, timeMs, out ClientOrderId tp1))
        {
            p.TakeProfit1Id = tp1;
        }

        if (p.Legs.TakeProfit2.E8 > 0 && TrySubmit(symbol, OrderRole.TakeProfit2, OrderIntent.ReduceOnly, exit, OrderType.Limit, TimeInForce.Gtc, p.TakeProfit2Price, Price.Zero, p.Legs.TakeProfit2, true, timeMs, out ClientOrderId tp2))
        {
            p.TakeProfit2Id = tp2;
        }
    }

    /// <summary>
    /// Sends a stop for the whole open quantity at <paramref name="stopPrice"/>. The stop it replaces keeps working until
    /// the new one is accepted, so the position is never without one.
    /// </summary>
    private void MoveStop(SymbolId symbol, ref PositionPlan p, Price stopPrice, long timeMs)
    {
        if (!p.PendingStopId.IsNone)
        {
            Cancel(p.PendingStopId, timeMs); // superseded before it was even accepted
            p.PendingStopId = ClientOrderId.None;
        }

        Quantity size = _positions[symbol.Value].AbsoluteSize;
        p.PendingStopPrice = stopPrice;
        p.StopSize = size;
        if (TrySubmit(symbol, OrderRole.StopLoss, OrderIntent.ProtectiveExit, p.ExitSide, OrderType.StopMarket, TimeInForce.None, Price.Zero, stopPrice, size, true, timeMs, out ClientOrderId id))
        {
            p.PendingStopId = id;
        }
        else
        {
            RetryStop(symbol, ref p, timeMs);
        }
    }

    /// <summary>The stop was not placed for a transient reason: resend it after the back-off, or flatten when out of attempts.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RetryStop(SymbolId symbol, ref PositionPlan p, long timeMs)
    {
        if (p.StopAttemptsLeft > 0)
        {
            p.StopAttemptsLeft--;
            Counters.StopRetries++;
            p.StopRetryAtMs = timeMs + _retryBackoffMs; // AdvancePlan resends it
            return;
        }

        Counters.EmergencyFlattens++;
        Flatten(symbol, ref p, FlattenReason.StopPlacementFailed, timeMs); // never leave the position without a stop
    }

    private void Trail(SymbolId symbol, ref PositionPlan p, Price price, long timeMs)
    {
        bool isLong = p.EntrySide == Side.Buy;
        if (isLong ? price > p.TrailBest : price < p.TrailBest)
        {
            p.TrailBest = price;
        }

        if (!p.PendingStopId.IsNone || p.StopRetryAtMs != 0)
        {
            return; // one move at a time
        }

        Price candidate = TrailStop(symbol, in p);
        long gainE8 = isLong ? candidate.E8 - p.StopPrice.E8 : p.StopPrice.E8 - candidate.E8;
        if (gainE8 >= _filters[symbol.Value].TickSize.E8 * _trailStepTicks)
        {
            Counters.TrailingMoves++;
            MoveStop(symbol, ref p, candidate, timeMs);
        }
    }

    private Price TrailStop(SymbolId symbol, in PositionPlan p)
    {
        long distance = _filters[symbol.Value].TickSize.E8 * _trailTicks;
        return _filters[symbol.Value].RoundToTick(new Price(p.EntrySide == Side.Buy ? p.TrailBest.E8 - distance : p.TrailBest.E8 + distance));
    }

    /// <summary>The more protective of two stop prices: the higher for a long, the lower for a short.</summary>
    private static Price Better(in PositionPlan p, Price a, Price b) =>
        p.EntrySide == Side.Buy ? (a > b ? a : b) : (a < b ? a : b);

    /// <summary>
    /// Closes the position at market: a working entry is cancelled and whatever it fills is closed too, the take-profits
    /// are cancelled, the stop stays until the position is flat (reduce-only keeps them from overlapping).
    /// </summary>
    private void Flatten(SymbolId symbol, ref PositionPlan p, FlattenReason reason, long timeMs)
    {
        p.Phase = ExitPhase.Flattening;
        p.FlattenReason = reason;
        p.CloseEntryFills = true;
        p.StopRetryAtMs = 0;
        Cancel(p.EntryId, timeMs);
        Cancel(p.TakeProfit1Id, timeMs);
        Cancel(p.TakeProfit2Id, timeMs);
        SubmitFlatten(symbol, ref p, timeMs);
    }

    private void SubmitFlatten(SymbolId symbol, ref PositionPlan p, long timeMs)
    {
        Quantity size = _positions[symbol.Value].AbsoluteSize;
        if (size.E8 == 0)
        {
            OnFlat(ref p, timeMs, closed: false);
            return;
        }

        OrderIntent intent = p.FlattenReason == FlattenReason.TimeExit ? OrderIntent.ReduceOnly : OrderIntent.ProtectiveExit;
        if (TrySubmit(symbol, OrderRole.Flatten, intent, p.ExitSide, OrderType.Market, TimeInForce.None, Price.Zero, Price.Zero, size, true, timeMs, out ClientOrderId id))
        {
            p.FlattenId = id;
        }
        else
        {
            p.FlattenRetryAtMs = timeMs + _retryBackoffMs;
        }
    }

    /// <summary>The position is closed: cancel what is left of its plan.</summary>
    private void OnFlat(ref PositionPlan p, long timeMs, bool closed)
    {
        Cancel(p.StopId, timeMs);
        Cancel(p.PendingStopId, timeMs);
        Cancel(p.TakeProfit1Id, timeMs);
        Cancel(p.TakeProfit2Id, timeMs);
        Cancel(p.FlattenId, timeMs);
        if (closed)
        {
            Counters.PositionsClosed++;
        }

        p.Phase = ExitPhase.Idle;
        p.StopId = ClientOrderId.None;
        p.PendingStopId = ClientOrderId.None;
        p.StopSize = Quantity.Zero;
        p.StopRetryAtMs = 0;
        p.FlattenId = ClientOrderId.None;
    }
}
