using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// The trading state machine of contracts §5. A breached limit trips it to HALTED until the next UTC day of event
/// time (or an operator's resume); operator commands halt, flatten, reduce and resume it. HALTED lets protective
/// exits and cancels through, REDUCING also reduce-only orders. Every change is counted and the last trip and the
/// last reset are kept. Engine thread only.
/// </summary>
public sealed class CircuitBreaker
{
    private TradingState _state;
    private TradingState _stateBeforeTrip;
    private BreakerCause _haltCause;
    private bool _haltEndsNextDay;
    private long _haltDay;
    private long _tripCount;
    private long _resetCount;
    private BreakerEvent _lastTrip;
    private BreakerEvent _lastReset;

    public TradingState State => _state;

    /// <summary>Why the breaker is HALTED or REDUCING (<see cref="BreakerCause.None"/> when ACTIVE).</summary>
    public BreakerCause HaltCause => _haltCause;

    /// <summary>Trips and operator halts, flattens and reduces that changed the state.</summary>
    public long TripCount => _tripCount;

    /// <summary>Returns to ACTIVE (new UTC day or operator resume).</summary>
    public long ResetCount => _resetCount;

    public BreakerEvent LastTrip => _lastTrip;

    public BreakerEvent LastReset => _lastReset;

    /// <summary>Whether an order with this intent may go out in the current state.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AllowsOrder(OrderIntent intent) => Allows(_state, intent);

    /// <summary>
    /// Whether an order with this intent may go out in <paramref name="state"/>: ACTIVE everything; REDUCING all but
    /// entries; HALTED only protective exits and cancels. The OMS applies it to every order it sends.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Allows(TradingState state, OrderIntent intent) => state switch
    {
        TradingState.Active => true,
        TradingState.Reducing => intent != OrderIntent.Entry,
        _ => intent == OrderIntent.ProtectiveExit || intent == OrderIntent.Cancel,
    };

    /// <summary>Moves event time on: a limit halt ends once <paramref name="timeMs"/> is on a later UTC day.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceTo(long timeMs)
    {
        if (_haltEndsNextDay && UtcDay.Of(timeMs) > _haltDay)
        {
            EndLimitHalt(timeMs);
        }
    }

    /// <summary>A limit was breached: HALTED until the next UTC day. No effect when already HALTED.</summary>
    public void Trip(BreakerCause cause, long timeMs)
    {
        if (_state == TradingState.Halted)
        {
            return;
        }

        _stateBeforeTrip = _state;
        _haltEndsNextDay = true;
        _haltDay = UtcDay.Of(timeMs);
        Enter(TradingState.Halted, cause, timeMs);
    }

    /// <summary>Applies an operator command. Operator halts and reduces last until an operator resume.</summary>
    public void Apply(in OperatorCommand command)
    {
        switch (command.Kind)
        {
            case OperatorCommandKind.Halt:
                OperatorEnter(TradingState.Halted, BreakerCause.OperatorHalt, command.TimeMs);
                break;
            case OperatorCommandKind.Flatten:
                OperatorEnter(TradingState.Halted, BreakerCause.OperatorFlatten, command.TimeMs);
                break;
            case OperatorCommandKind.Reduce:
                OperatorEnter(TradingState.Reducing, BreakerCause.OperatorReduce, command.TimeMs);
                break;
            case OperatorCommandKind.Resume:
                if (_state != TradingState.Active)
                {
                    Reset(BreakerCause.OperatorResume, command.TimeMs);
                }

                break;
            default:
                break; // None or an unknown kind from a newer producer: nothing to do
        }
    }

    internal void SaveTo(ref RiskStateSnapshot snapshot)
    {
        snapshot.State = _state;
        snapshot.StateBeforeTrip = _stateBeforeTrip;
        snapshot.HaltCause = _haltCause;
        snapshot.HaltEndsNextDay = _haltEndsNextDay;
        snapshot.HaltDay = _haltDay;
        snapshot.TripCount = _tripCount;
        snapshot.ResetCount = _resetCount;
        snapshot.LastTrip = _lastTrip;
        snapshot.LastReset = _lastReset;
    }

    internal void RestoreFrom(in RiskStateSnapshot snapshot)
    {
        if (!Enum.IsDefined(snapshot.State) || !Enum.IsDefined(snapshot.StateBeforeTrip) || !Enum.IsDefined(snapshot.HaltCause))
        {
            throw new ArgumentException($"Risk snapshot holds an unknown state ({snapshot.State}, {snapshot.StateBeforeTrip}, {snapshot.HaltCause})", nameof(snapshot));
        }

        _state = snapshot.State;
        _stateBeforeTrip = snapshot.StateBeforeTrip;
        _haltCause = snapshot.HaltCause;
        _haltEndsNextDay = snapshot.HaltEndsNextDay && snapshot.State == TradingState.Halted;
        _haltDay = snapshot.HaltDay;
        _tripCount = snapshot.TripCount;
        _resetCount = snapshot.ResetCount;
        _lastTrip = snapshot.LastTrip;
        _lastReset = snapshot.LastReset;
    }

    private void OperatorEnter(TradingState state, BreakerCause cause, long timeMs)
    {
        _haltEndsNextDay = false; // an operator's decision is not undone by the calendar
        if (_state == state && _haltCause == cause)
        {
            return;
        }

        Enter(state, cause, timeMs);
    }

    private void Enter(TradingState state, BreakerCause cause, long timeMs)
    {
        _state = state;
        _haltCause = cause;
        _tripCount++;
        _lastTrip = new BreakerEvent(cause, state, timeMs);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EndLimitHalt(long timeMs)
    {
        _haltEndsNextDay = false;
        if (_stateBeforeTrip == TradingState.Reducing)
        {
            _state = TradingState.Reducing;
            _haltCause = BreakerCause.OperatorReduce;
            _resetCount++;
            _lastReset = new BreakerEvent(BreakerCause.NewUtcDay, TradingState.Reducing, timeMs);
            return;
        }

        Reset(BreakerCause.NewUtcDay, timeMs);
    }

    private void Reset(BreakerCause cause, long timeMs)
    {
        _state = TradingState.Active;
        _stateBeforeTrip = TradingState.Active;
        _haltCause = BreakerCause.None;
        _haltEndsNextDay = false;
        _resetCount++;
        _lastReset = new BreakerEvent(cause, TradingState.Active, timeMs);
    }
}
