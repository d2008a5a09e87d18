using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// Stage 5: admits or rejects each signal with a named reason and sizes the admitted ones. Checks run in exactly
/// the order of contracts §5, and the first failing one is the verdict: trading state → daily loss → drawdown →
/// consecutive losses → trades per day → cooldown → open positions / exposure → order rate → price band →
/// venue filters and sizing. Time is the event time of <see cref="RiskInputs.TimeMs"/>, so a replay trips the breaker at
/// the same event every run. Engine thread only; allocation-free after construction.
/// </summary>
public sealed class RiskGate
{
    private readonly RiskLimits _limits;
    private readonly CircuitBreaker _breaker = new();
    private readonly long[] _verdictCounts;
    private OrderRateLimiter _orderRate; // not readonly: a mutable struct
    private long _venueThrottledUntilMs = long.MinValue;
    private long _dayIndex = long.MinValue;

    // First millisecond of the UTC day after the one last seen: AdvanceTo runs on every trade, and this keeps that to
    // one compare instead of a 64-bit division. long.MinValue means "not known yet".
    private long _nextDayStartMs = long.MinValue;
    private int _admittedToday;
    private int _rejectedToday;

    public RiskGate(RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _limits = RiskLimits.From(options);
        _orderRate = new OrderRateLimiter(_limits.OrderBurst, _limits.OrderRefillMs);
        _verdictCounts = new long[Enum.GetValues<RiskVerdict>().Length];
    }

    public CircuitBreaker Breaker => _breaker;

    public TradingState State => _breaker.State;

    /// <summary>Signals admitted since 00:00 UTC of the latest event day.</summary>
    public int AdmittedToday => _admittedToday;

    public int RejectedToday => _rejectedToday;

    /// <summary>How many signals got this verdict since start (or restore).</summary>
    public long Count(RiskVerdict verdict) => _verdictCounts[(int)verdict];

    /// <summary>
    /// Admits or rejects one signal. On <see cref="RiskVerdict.Admitted"/>, <paramref name="sizing"/> is the order
    /// to send and an order-rate token is spent; otherwise it is <c>default</c>. A breached limit may trip the breaker.
    /// </summary>
    public RiskVerdict Check(in TradeSignal signal, in RiskInputs inputs, out OrderSizing sizing)
    {
        AdvanceTo(inputs.TimeMs);
        RiskVerdict verdict = Evaluate(in signal, in inputs, out sizing);
        _verdictCounts[(int)verdict]++;
        if (verdict == RiskVerdict.Admitted)
        {
            _orderRate.Take();
            _admittedToday++;
        }
        else
        {
            _rejectedToday++;
        }

        return verdict;
    }

    /// <summary>
    /// Checks only the account limits (daily loss, drawdown, consecutive losses, trades per day), tripping the breaker
    /// as configured, so the OMS can trip it after a close without waiting for the next signal. Returns the first breach.
    /// </summary>
    public RiskVerdict CheckLimits(in RiskInputs inputs)
    {
        AdvanceTo(inputs.TimeMs);
        return EvaluateLimits(in inputs);
    }

    /// <summary>Whether an order with this intent may go out now (see <see cref="CircuitBreaker.AllowsOrder"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AllowsOrder(OrderIntent intent) => _breaker.AllowsOrder(intent);

    public void Apply(in OperatorCommand command)
    {
        AdvanceTo(command.TimeMs);
        _breaker.Apply(in command);
    }

    /// <summary>Moves event time on (timer ticks too): rolls the daily counters and ends a limit halt at the next UTC day.</summary>
    public void AdvanceTo(long timeMs)
    {
        if (timeMs >= _nextDayStartMs)
        {
            RollDay(timeMs);
        }

        _breaker.AdvanceTo(timeMs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RollDay(long timeMs)
    {
        long day = UtcDay.Of(timeMs);
        if (day > _dayIndex)
        {
            _dayIndex = day;
            _admittedToday = 0;
            _rejectedToday = 0;
        }

        _nextDayStartMs = day < (long.MaxValue / UtcDay.MillisPerDay) - 1 ? (day + 1) * UtcDay.MillisPerDay : long.MaxValue;
    }

    /// <summary>
    /// The venue asked for a pause until <paramref name="untilMs"/> (event time): no entry is admitted before it. A
    /// pause is seconds long, so it is not part of <see cref="TakeSnapshot"/>: a restart forgets it, and the gateway,
    /// which keeps the venue's own clock, still waits it out.
    /// </summary>
    public void OnVenueThrottled(long untilMs) => _venueThrottledUntilMs = Math.Max(_venueThrottledUntilMs, untilMs);

    /// <summary>Event time until which the venue asked for a pause; long.MinValue when it never did.</summary>
    public long VenueThrottledUntilMs => _venueThrottledUntilMs;

    public RiskStateSnapshot TakeSnapshot()
    {
        var snapshot = default(RiskStateSnapshot);
        _breaker.SaveTo(ref snapshot);
        snapshot.DayIndex = _dayIndex;
        snapshot.AdmittedToday = _admittedToday;
        snapshot.RejectedToday = _rejectedToday;
        snapshot.OrderTokensLevel = _orderRate.Level;
        snapshot.OrderTokensLastMs = _orderRate.LastMs;
        snapshot.OrderTokensStarted = _orderRate.Started;
        return snapshot;
    }

    /// <summary>Takes back a snapshot from <see cref="TakeSnapshot"/> (cold: start-up after a restart).</summary>
    public void Restore(in RiskStateSnapshot snapshot)
    {
        _breaker.RestoreFrom(in snapshot);
        _dayIndex = snapshot.DayIndex;
        _nextDayStartMs = long.MinValue;
        _admittedToday = snapshot.AdmittedToday;
        _rejectedToday = snapshot.RejectedToday;
        _orderRate.Restore(snapshot.OrderTokensLevel, snapshot.OrderTokensLastMs, snapshot.OrderTokensStarted);
    }

    private RiskVerdict Evaluate(in TradeSignal signal, in RiskInputs inputs, out OrderSizing sizing)
    {
        sizing = default;
        Side side;
        if (signal.Direction == SignalDirection.Long)
        {
            side = Side.Buy;
        }
        else if (signal.Direction == SignalDirection.Short)
        {
            side = Side.Sell;
        }
        else
        {
            return RiskVerdict.InvalidSignal;
        }

        // 1. trading state
        TradingState state = _breaker.State;
        if (state != TradingState.Active)
        {
            return state == TradingState.Halted ? RiskVerdict.Halted : RiskVerdict.Reducing;
        }

        // 2-5. account limits
        RiskVerdict verdict = EvaluateLimits(in inputs);
        if (verdict != RiskVerdict.Admitted)
        {
            return verdict;
        }

        // 6. cooldown since the last close
        if (inputs.TimeMs - inputs.LastCloseTimeMs < _limits.CooldownMs)
        {
            return RiskVerdict.Cooldown;
        }

        // 7. open positions and exposure for the symbol
        if (inputs.OpenPositions >= _limits.MaxOpenPositions)
        {
            return RiskVerdict.MaxOpenPositions;
        }

        if (inputs.SymbolExposure >= _limits.MaxSymbolExposure)
        {
            return RiskVerdict.MaxExposure;
        }

        // 8. order rate, ours and then the venue's
        if (!_orderRate.HasToken(inputs.TimeMs))
        {
            return RiskVerdict.OrderRate;
        }

        if (inputs.TimeMs < _venueThrottledUntilMs)
        {
            return RiskVerdict.VenueThrottled;
        }

        // 9. price band against the mark price, or the last trade while no mark price is known
        Price last = inputs.LastTradePrice;
        if (last.E8 <= 0 || !DoubleConversion.TryPrice(signal.Price, out Price signalPrice))
        {
            return RiskVerdict.NoReferencePrice;
        }

        Price limitPrice = _limits.EntryOffsetE8 > 0 ? PositionSizer.OffsetLimitPrice(signalPrice, side, _limits.EntryOffsetE8) : Price.Zero;
        Price orderPrice = limitPrice.E8 > 0 ? limitPrice : signalPrice;
        Price reference = inputs.MarkPrice.E8 > 0 ? inputs.MarkPrice : last;
        if (!WithinBand(orderPrice, reference, _limits.PriceBandE8))
        {
            return RiskVerdict.PriceBand;
        }

        // 10. venue filters and sizing
        return PositionSizer.TrySize(in _limits, in inputs, side, limitPrice, out sizing);
    }

    private RiskVerdict EvaluateLimits(in RiskInputs inputs)
    {
        Money loss = -inputs.DailyRealisedPnl;
        // The day's starting equity: today's realised loss added back to the equity without the open positions' PnL.
        if (loss.E8 > 0 && FixedPointMath.AtLeastFraction(loss.E8, (inputs.Equity - inputs.OpenPnl + loss).E8, _limits.MaxDailyLossE8))
        {
            return Breach(RiskVerdict.DailyLossLimit, BreakerCause.DailyLoss, _limits.HaltOnDailyLoss, inputs.TimeMs);
        }

        Money peak = inputs.EquityPeak > inputs.Equity ? inputs.EquityPeak : inputs.Equity;
        Money drawdown = peak - inputs.Equity;
        if (drawdown.E8 > 0 && FixedPointMath.AtLeastFraction(drawdown.E8, peak.E8, _limits.MaxDrawdownE8))
        {
            return Breach(RiskVerdict.MaxDrawdown, BreakerCause.Drawdown, _limits.HaltOnDrawdown, inputs.TimeMs);
        }

        if (inputs.ConsecutiveLosses >= _limits.MaxConsecutiveLosses)
        {
            return Breach(RiskVerdict.ConsecutiveLosses, BreakerCause.ConsecutiveLosses, _limits.HaltOnConsecutiveLosses, inputs.TimeMs);
        }

        if (inputs.TradesToday >= _limits.MaxTradesPerDay)
        {
            return Breach(RiskVerdict.TradesPerDay, BreakerCause.TradesPerDay, _limits.HaltOnTradesPerDay, inputs.TimeMs);
        }

        return RiskVerdict.Admitted;
    }

    private RiskVerdict Breach(RiskVerdict verdict, BreakerCause cause, bool halt, long timeMs)
    {
        if (halt)
        {
            _breaker.Trip(cause, timeMs);
        }

        return verdict;
    }

    /// <summary>|price − reference| ≤ reference × band, exactly (128-bit).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WithinBand(Price price, Price last, long bandE8)
    {
        long diff = Math.Abs(price.E8 - last.E8);
        return (Int128)diff * FixedPoint.Scale <= (Int128)last.E8 * bandE8;
    }
}
