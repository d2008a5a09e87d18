using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

public sealed partial class Executor<TOut>
{
    /// <summary>The entry is done: stop-loss for the whole position, and the take-profit legs (<see cref="ExitLegs"/>).</summary>
    private void PlaceExits(SymbolId symbol, ref ExitPlan p, long timeMs)
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
        p.StopAttemptsLeft = _stopRetries;
        MoveStop(symbol, ref p, f.RoundToTick(new Price(p.EntryPrice.E8 - (sign * p.StopDistance.E8))), timeMs);
        if (p.Phase != ExitPhase.Open)
        {
            return; // the stop could not even be queued: already flattening
        }

        Side exit = p.ExitSide;
        if (p.Legs.TakeProfit1.E8 > 0 && TrySubmit(symbol, OrderRole.TakeProfit1, exit, OrderType.Limit, TimeInForce.Gtc, p.TakeProfit1Price, Price.Zero, p.Legs.TakeProfit1, true, timeMs, out ClientOrderId tp1))
        {
            p.TakeProfit1Id = tp1;
        }

        if (p.Legs.TakeProfit2.E8 > 0 && TrySubmit(symbol, OrderRole.TakeProfit2, exit, OrderType.Limit, TimeInForce.Gtc, p.TakeProfit2Price, Price.Zero, p.Legs.TakeProfit2, true, timeMs, out ClientOrderId tp2))
        {
            p.TakeProfit2Id = tp2;
        }
    }

    /// <summary>
    /// Sends a stop for the whole open quantity at <paramref name="stopPrice"/>. The stop it replaces keeps working until
    /// the new one is accepted, so the position is never without one.
    /// </summary>
    private void MoveStop(SymbolId symbol, ref ExitPlan p, Price stopPrice, long timeMs)
    {
        if (!p.PendingStopId.IsNone)
        {
            Cancel(p.PendingStopId, timeMs); // superseded before it was even accepted
            p.PendingStopId = ClientOrderId.None;
        }

        Quantity size = _positions[symbol.Value].AbsoluteSize;
        p.PendingStopPrice = stopPrice;
        if (TrySubmit(symbol, OrderRole.StopLoss, p.ExitSide, OrderType.StopMarket, TimeInForce.None, Price.Zero, stopPrice, size, true, timeMs, out ClientOrderId id))
        {
            p.PendingStopId = id;
        }
        else
        {
            RetryStop(symbol, ref p, timeMs);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RetryStop(SymbolId symbol, ref ExitPlan p, long timeMs)
    {
        if (p.StopAttemptsLeft > 0)
        {
            p.StopAttemptsLeft--;
            Counters.StopRetries++;
            MoveStop(symbol, ref p, p.PendingStopPrice, timeMs);
            return;
        }

        Counters.EmergencyFlattens++;
        Flatten(symbol, ref p, FlattenReason.StopPlacementFailed, timeMs); // never leave the position without a stop
    }

    private void Trail(SymbolId symbol, ref ExitPlan p, Price price, long timeMs)
    {
        bool isLong = p.EntrySide == Side.Buy;
        if (isLong ? price > p.TrailBest : price < p.TrailBest)
        {
            p.TrailBest = price;
        }

        if (!p.PendingStopId.IsNone)
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

    private Price TrailStop(SymbolId symbol, in ExitPlan p)
    {
        long distance = _filters[symbol.Value].TickSize.E8 * _trailTicks;
        return _filters[symbol.Value].RoundToTick(new Price(p.EntrySide == Side.Buy ? p.TrailBest.E8 - distance : p.TrailBest.E8 + distance));
    }

    /// <summary>The more protective of two stop prices: the higher for a long, the lower for a short.</summary>
    private static Price Better(in ExitPlan p, Price a, Price b) =>
        p.EntrySide == Side.Buy ? (a > b ? a : b) : (a < b ? a : b);

    private void Flatten(SymbolId symbol, ref ExitPlan p, FlattenReason reason, long timeMs)
    {
        p.Phase = ExitPhase.Flattening;
        p.FlattenReason = reason;
        Cancel(p.TakeProfit1Id, timeMs);
        Cancel(p.TakeProfit2Id, timeMs);
        SubmitFlatten(symbol, ref p, timeMs); // a working stop stays until the position is flat: reduce-only keeps them from overlapping
    }

    private void SubmitFlatten(SymbolId symbol, ref ExitPlan p, long timeMs)
    {
        Quantity size = _positions[symbol.Value].AbsoluteSize;
        if (size.E8 == 0)
        {
            OnFlat(ref p, timeMs);
            return;
        }

        if (TrySubmit(symbol, OrderRole.Flatten, p.ExitSide, OrderType.Market, TimeInForce.None, Price.Zero, Price.Zero, size, true, timeMs, out ClientOrderId id))
        {
            p.FlattenId = id;
        }
    }

    /// <summary>The position is closed: cancel what is left of its plan and start the cooldown.</summary>
    private void OnFlat(ref ExitPlan p, long timeMs)
    {
        Cancel(p.StopId, timeMs);
        Cancel(p.PendingStopId, timeMs);
        Cancel(p.TakeProfit1Id, timeMs);
        Cancel(p.TakeProfit2Id, timeMs);
        Cancel(p.FlattenId, timeMs);
        p.Phase = ExitPhase.Idle;
        p.CooldownUntilMs = timeMs + _cooldownMs;
        Counters.PositionsClosed++;
    }
}
