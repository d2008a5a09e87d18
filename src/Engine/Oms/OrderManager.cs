using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Risk;

namespace Engine.Oms;

/// <summary>
/// The OMS of one engine (stage 6, contracts §4): turns admitted entries into order requests, applies venue reports
/// through <see cref="OrderStateMachine"/>, keeps positions and runs each position's exit plan (stop, TP1, TP2,
/// break-even, trailing, time exit, emergency flatten). Engine thread only; nothing waits for a venue: requests go to
/// <typeparamref name="TOut"/>, reports come back through <see cref="OnReport"/>.
/// </summary>
/// <remarks>
/// Every order it sends passes the circuit breaker's <see cref="CircuitBreaker.Allows"/> for its intent, with the
/// state the engine last gave <see cref="OnTradingState"/>: entries are <see cref="OrderIntent.Entry"/>; stops, their
/// replacements and the emergency, operator and halt flattens are <see cref="OrderIntent.ProtectiveExit"/>;
/// take-profit legs and time exits are <see cref="OrderIntent.ReduceOnly"/>; cancels always pass. The cooldown after
/// a close is the risk gate's (<c>Risk:CooldownMinutes</c>), not the OMS's.
/// </remarks>
public sealed partial class OrderManager<TOut> where TOut : struct, IOrderRequestSink
{
    private TOut _out; // not readonly: calls on a readonly struct field would work on a copy
    private readonly OrderTable _orders;
    private readonly VenueFilters[] _filters;
    private readonly Position[] _positions;
    private readonly PositionPlan[] _plans;
    private readonly Price[] _lastPrice;
    private readonly long _tp1RE8;
    private readonly long _tp2RE8;
    private readonly long _trailTicks;
    private readonly long _trailStepTicks;
    private readonly long _maxHoldMs;
    private readonly long _entryTimeoutMs;
    private readonly int _stopRetries;
    private readonly long _retryBackoffMs;
    private readonly long _queryIntervalMs;
    private readonly long _unresolvedTimeoutMs;
    private TradingState _tradingState;

    // Orders in Unknown or PendingCancel, and the event time of the next look at them (one compare per mark).
    private int _unresolved;
    private long _nextSweepMs;

    public OrderManager(OrderManagerOptions options, ReadOnlySpan<VenueFilters> filtersBySymbol, TOut sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (filtersBySymbol.Length > options.MaxSymbols)
        {
            throw new ArgumentException("more symbol filters than MaxSymbols", nameof(filtersBySymbol));
        }

        _out = sink;
        _orders = new OrderTable(options.OrderCapacity, options.LastClientOrderId);
        _filters = new VenueFilters[options.MaxSymbols];
        filtersBySymbol.CopyTo(_filters);
        _positions = new Position[options.MaxSymbols];
        _plans = new PositionPlan[options.MaxSymbols];
        _lastPrice = new Price[options.MaxSymbols];
        _markPrice = new Price[options.MaxSymbols];
        _roundTrips = new RoundTrip[options.MaxSymbols];
        _closed = new ClosedPosition[options.MaxSymbols];
        _tp1RE8 = (long)(options.TakeProfit1R * FixedPoint.Scale);
        _tp2RE8 = (long)(options.TakeProfit2R * FixedPoint.Scale);
        _trailTicks = options.TrailingDistanceTicks;
        _trailStepTicks = options.TrailingStepTicks;
        _maxHoldMs = options.MaxHoldMs;
        _entryTimeoutMs = options.EntryTimeoutMs;
        _stopRetries = options.StopRetries;
        _retryBackoffMs = options.StopRetryBackoffMs;
        _queryIntervalMs = options.QueryIntervalMs;
        _unresolvedTimeoutMs = options.UnresolvedTimeoutMs;
    }

    public OmsCounters Counters { get; } = new();

    /// <summary>The sink, by reference (tests and the pipeline read what it collected).</summary>
    public ref TOut Sink => ref _out;

    /// <summary>The breaker state the OMS gates its orders with.</summary>
    public TradingState TradingState => _tradingState;

    public ref readonly Position PositionOf(SymbolId symbol) => ref _positions[symbol.Value];

    public ref readonly PositionPlan PlanOf(SymbolId symbol) => ref _plans[symbol.Value];

    /// <summary>The order's slot; <paramref name="found"/> false when unknown.</summary>
    public ref readonly Order OrderOf(ClientOrderId id, out bool found) => ref _orders.Find(id, out found);

    public int WorkingOrders => _orders.CountWorking();

    /// <summary>Total realised PnL and fees over all symbols (cold).</summary>
    public (Money Realized, Money Fees) Totals()
    {
        Money realized = Money.Zero;
        Money fees = Money.Zero;
        foreach (ref readonly Position p in _positions.AsSpan())
        {
            realized += p.RealizedPnl;
            fees += p.Fees;
        }

        return (realized, fees);
    }

    /// <summary>
    /// The circuit breaker changed state. Every order sent from now on is gated by it; leaving ACTIVE cancels the
    /// working entries (no new exposure), and on HALTED whatever those entries filled, or still fill, is flattened.
    /// </summary>
    public void OnTradingState(TradingState state, long timeMs)
    {
        _tradingState = state;
        if (state == TradingState.Active)
        {
            return;
        }

        for (int s = 0; s < _plans.Length; s++)
        {
            ref PositionPlan p = ref _plans[s];
            if (p.Phase != ExitPhase.Entering)
            {
                continue;
            }

            Cancel(p.EntryId, timeMs);
            if (state == TradingState.Halted)
            {
                Flatten(new SymbolId(s), ref p, FlattenReason.Halted, timeMs);
            }
        }
    }

    /// <summary>Acts on an admitted entry: sends it, or says why it is blocked or refused.</summary>
    public EntryDecision OnEntry(in EntryPlan plan)
    {
        int s = plan.Symbol.Value;
        if ((uint)s >= (uint)_plans.Length || !_filters[s].IsValid)
        {
            return Refuse(EntryDecision.RejectedUnknownSymbol);
        }

        if (!CircuitBreaker.Allows(_tradingState, OrderIntent.Entry))
        {
            return Block(EntryDecision.BlockedByBreaker);
        }

        ref PositionPlan p = ref _plans[s];
        if (p.Phase != ExitPhase.Idle)
        {
            return Block(p.Phase == ExitPhase.Entering ? EntryDecision.BlockedEntryPending : EntryDecision.BlockedInPosition);
        }

        if (!_positions[s].IsFlat)
        {
            return Block(EntryDecision.BlockedInPosition);
        }

        ref readonly VenueFilters f = ref _filters[s];
        Quantity qty = f.FloorToStep(plan.Quantity);
        if (qty.E8 <= 0 || qty < f.MinQuantity)
        {
            return Refuse(EntryDecision.RejectedBelowMinQuantity);
        }

        Price reference = plan.EntryType == OrderType.Limit ? plan.LimitPrice : plan.ReferencePrice;
        if (Money.Notional(reference, qty) < f.MinNotional)
        {
            return Refuse(EntryDecision.RejectedBelowMinNotional);
        }

        if (plan.StopDistance.E8 <= 0)
        {
            return Refuse(EntryDecision.RejectedBadStopDistance);
        }

        bool limit = plan.EntryType == OrderType.Limit;
        Price limitPrice = limit ? f.RoundToTick(plan.LimitPrice) : Price.Zero;
        if (!TrySubmit(plan.Symbol, OrderRole.Entry, OrderIntent.Entry, plan.Side, limit ? OrderType.Limit : OrderType.Market, limit ? TimeInForce.Gtc : TimeInForce.None, limitPrice, Price.Zero, qty, false, plan.TimeMs, out ClientOrderId id))
        {
            return Refuse(EntryDecision.RejectedOrderTableFull);
        }

        p = default;
        p.Phase = ExitPhase.Entering;
        p.EntrySide = plan.Side;
        p.EntryId = id;
        p.StopDistance = plan.StopDistance;
        p.PlannedStopPrice = plan.StopPrice.E8 > 0
            ? (plan.Side == Side.Buy ? f.CeilToTick(plan.StopPrice) : f.FloorToTick(plan.StopPrice)) // toward the entry
            : Price.Zero;
        p.StopAttemptsLeft = _stopRetries;
        p.EntrySubmittedMs = plan.TimeMs;
        Counters.EntriesSubmitted++;
        return EntryDecision.Submitted;
    }

    /// <summary>Marks, trailing stops, time exits and entry timeouts, driven by the trade stream in event time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnTrade(in Trade trade) => OnMark(trade.Symbol, trade.Price, trade.TradeTimeMs);

    /// <summary>
    /// Same as <see cref="OnTrade"/> for a price known by other means (a closed row's close). With no plan under way
    /// and no order outcome open (the usual case, trade after trade) it is a store and two compares; the rest is out
    /// of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMark(SymbolId symbol, Price price, long timeMs)
    {
        int s = symbol.Value;
        if ((uint)s >= (uint)_plans.Length)
        {
            return;
        }

        _lastPrice[s] = price;
        if (_plans[s].Phase != ExitPhase.Idle)
        {
            AdvancePlan(symbol, price, timeMs);
        }

        if (_unresolved != 0 && timeMs >= _nextSweepMs)
        {
            SweepUnresolved(timeMs);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AdvancePlan(SymbolId symbol, Price price, long timeMs)
    {
        int s = symbol.Value;
        ref PositionPlan p = ref _plans[s];
        ResendStopIfBackedOff(symbol, ref p, timeMs, dueOnly: true);
        switch (p.Phase)
        {
            case ExitPhase.Open:
                if (_maxHoldMs > 0 && timeMs - p.EntryFilledMs >= _maxHoldMs && CircuitBreaker.Allows(_tradingState, OrderIntent.ReduceOnly))
                {
                    Counters.TimeExits++;
                    Flatten(symbol, ref p, FlattenReason.TimeExit, timeMs);
                }
                else if (p.Stage == ExitStage.Trailing)
                {
                    Trail(symbol, ref p, price, timeMs);
                }

                break;
            case ExitPhase.Flattening:
                if (p.FlattenId.IsNone && !_positions[s].IsFlat && timeMs >= p.FlattenRetryAtMs)
                {
                    SubmitFlatten(symbol, ref p, timeMs); // the previous flatten ended without closing: try again
                }

                break;
            case ExitPhase.Entering:
                if (_entryTimeoutMs > 0 && timeMs - p.EntrySubmittedMs >= _entryTimeoutMs)
                {
                    Cancel(p.EntryId, timeMs);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>
    /// Operator flatten: closes the symbol's position at market and cancels a working entry, whose fills, even late
    /// ones, are closed too.
    /// </summary>
    public void FlattenNow(SymbolId symbol, long timeMs)
    {
        if ((uint)symbol.Value >= (uint)_plans.Length)
        {
            return;
        }

        ref PositionPlan p = ref _plans[symbol.Value];
        if (p.Phase is ExitPhase.Entering or ExitPhase.Open)
        {
            Flatten(symbol, ref p, FlattenReason.Operator, timeMs);
        }
        else if (p.Phase == ExitPhase.Idle && !_positions[symbol.Value].IsFlat)
        {
            p.EntrySide = _positions[symbol.Value].Size.E8 > 0 ? Side.Buy : Side.Sell; // a position no plan holds
            Flatten(symbol, ref p, FlattenReason.Operator, timeMs);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TrySubmit(SymbolId symbol, OrderRole role, OrderIntent intent, Side side, OrderType type, TimeInForce tif, Price price, Price stopPrice, Quantity qty, bool reduceOnly, long timeMs, out ClientOrderId id)
    {
        if (!CircuitBreaker.Allows(_tradingState, intent))
        {
            Counters.RefusedByBreaker++;
            id = ClientOrderId.None;
            return false;
        }

        if (!_orders.TryAdd(out id))
        {
            Counters.OrderTableFull++;
            return false;
        }

        ref Order o = ref _orders.Find(id, out _);
        o.Symbol = symbol;
        o.Role = role;
        o.Side = side;
        o.Type = type;
        o.Status = OrderStatus.PendingSubmit;
        _awaitingVenue++;
        o.Price = price;
        o.StopPrice = stopPrice;
        o.Quantity = qty;
        o.ReduceOnly = reduceOnly;
        o.SubmittedMs = timeMs;
        o.UpdatedMs = timeMs;
        Counters.OrdersSubmitted++;
        _out.OnOrderRequest(new OrderRequest(OrderCommand.Submit, id, OrderId.None, symbol, side, type, tif, price, stopPrice, qty, reduceOnly, timeMs));
        return true;
    }

    /// <summary>Asks the venue to cancel a working order; does nothing for an order that is final or already being cancelled.</summary>
    private void Cancel(ClientOrderId id, long timeMs)
    {
        if (id.IsNone)
        {
            return;
        }

        ref Order o = ref _orders.Find(id, out bool found);
        if (!found || !OrderStateMachine.IsWorking(o.Status) || o.Status == OrderStatus.PendingCancel)
        {
            return;
        }

        OrderStateMachine.TryNext(o.Status, OrderEvent.CancelRequested, out OrderStatus next);
        SetStatus(ref o, next, timeMs);
        Counters.CancelsSent++;
        _out.OnOrderRequest(OrderRequest.CancelOf(id, o.VenueId, o.Symbol, o.Type, timeMs));
    }

    /// <summary>The one place an order's status changes after its submit: keeps the count of open outcomes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetStatus(ref Order o, OrderStatus next, long timeMs)
    {
        bool was = OrderStateMachine.IsUnresolved(o.Status);
        bool now = OrderStateMachine.IsUnresolved(next);
        if (was != now || (now && next != o.Status))
        {
            OnUnresolvedChange(ref o, was, now, timeMs);
        }

        _awaitingVenue += (AwaitsVenue(next, o.Type) ? 1 : 0) - (AwaitsVenue(o.Status, o.Type) ? 1 : 0);
        o.Status = next;
        o.UpdatedMs = timeMs;
        if (next == OrderStatus.Unknown)
        {
            o.OutcomeWasUnknown = true;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void OnUnresolvedChange(ref Order o, bool was, bool now, long timeMs)
    {
        _unresolved += (now ? 1 : 0) - (was ? 1 : 0);
        if (now)
        {
            o.UnresolvedSinceMs = timeMs; // entered Unknown, or moved from Unknown to PendingCancel: a fresh wait
            o.LastQueryMs = timeMs;
            if (_nextSweepMs > timeMs + _queryIntervalMs || _unresolved == 1)
            {
                _nextSweepMs = timeMs + Math.Min(_queryIntervalMs, 1000);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private EntryDecision Block(EntryDecision reason)
    {
        Counters.EntriesBlocked++;
        Counters.LastBlockedReason = reason;
        return reason;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private EntryDecision Refuse(EntryDecision reason)
    {
        Counters.EntriesRejectedBeforeSending++;
        Counters.LastBlockedReason = reason;
        return reason;
    }
}
