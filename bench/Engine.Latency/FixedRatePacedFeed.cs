using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>
/// The paced injector: event <c>i</c> is due at <c>start + i / rate</c>. It copies the event from the tape, spins until
/// that moment and stamps the slot's <see cref="EngineEvent.ReceivedTimestamp"/> with the INTENDED time, not the time
/// it actually got out. When the engine falls behind, later events leave late but are still measured from when they
/// should have left, so the stall shows up in every event it delayed (no coordinated omission). The replay's
/// <c>EventTimePacedFeed</c> instead follows the recording's own event times, so the two stay separate types.
/// </summary>
internal sealed class FixedRatePacedFeed : IInputFeed
{
    private readonly TradeTape _tape;
    private readonly long _count;
    private readonly double _ticksPerEvent;
    private readonly long _leadTicks;
    private long _next;
    private long _start;

    public FixedRatePacedFeed(TradeTape tape, long count, double eventsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventsPerSecond);
        _tape = tape;
        _count = count;
        _ticksPerEvent = EngineClock.TicksPerSecond / eventsPerSecond;
        _leadTicks = (long)(EngineClock.TicksPerSecond / 1000); // first event 1 ms after the feed starts
    }

    /// <summary>Events handed out so far.</summary>
    public long Published => _next;

    /// <summary>Intended start of the first event (engine clock ticks).</summary>
    public long StartTimestamp => _start;

    /// <summary>When the last event actually left (engine clock ticks).</summary>
    public long EndTimestamp { get; private set; }

    /// <summary>Events that were already past their intended start when the injector got to them.</summary>
    public long LateEvents { get; private set; }

    /// <summary>The achieved injection rate, events per second (after the run).</summary>
    public double AchievedEventsPerSecond =>
        EndTimestamp > _start ? _next / (EngineClock.ElapsedNanos(_start, EndTimestamp) / 1e9) : 0;

    public bool TryReadNext(ref EngineEvent slot)
    {
        if (_next >= _count)
        {
            return false;
        }

        if (_next == 0)
        {
            _start = EngineClock.Timestamp() + _leadTicks;
        }

        _tape.CopyTo(_next, ref slot);
        long intended = _start + (long)(_next * _ticksPerEvent);
        long now = EngineClock.Timestamp();
        if (now > intended)
        {
            LateEvents++;
        }

        while (now < intended)
        {
            now = EngineClock.Timestamp();
        }

        slot.ReceivedTimestamp = intended;
        EndTimestamp = now;
        _next++;
        return true;
    }
}
