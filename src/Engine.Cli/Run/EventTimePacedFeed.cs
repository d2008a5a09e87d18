using System.Diagnostics;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// Plays a feed at its recorded speed × <c>speed</c>: event time is mapped to the wall clock from the first event on,
/// and each event is released when its mapped time comes. Waits spin briefly, then sleep; a stop request ends the
/// input at once. No allocation per event. The latency program's <c>FixedRatePacedFeed</c> paces differently (a fixed
/// event rate, stamping each event's intended time), so the two stay separate types.
/// </summary>
/// <remarks>
/// With a slack of S ms (<c>Runtime:PaceSlackMs</c>, default 0) an event may be released up to S ms before its time:
/// the feed never spins, it sleeps while the next event is more than S ms ahead and then releases everything due
/// within S ms at once. At 100,000 events/s the feed thread then wakes about once per S ms instead of spinning between
/// events 10 µs apart, for a long soak on a shared machine; the events' order, their event times and every output stay
/// the same, only the wall-clock release is coarser (end-to-end latency then includes up to S ms of early release
/// waiting in the ring behind earlier events, never less than the pipeline's own).
/// </remarks>
public sealed class EventTimePacedFeed : IInputFeed
{
    private readonly IInputFeed _inner;
    private readonly double _ticksPerEventMs;
    private readonly CancellationToken _stop;
    private readonly long _slackTicks;
    private long _originEventMs = long.MinValue;
    private long _originTicks;

    public EventTimePacedFeed(IInputFeed inner, double speed, CancellationToken stop, double slackMs = 0)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "must be a finite number above 0");
        }

        if (!(slackMs >= 0) || double.IsInfinity(slackMs))
        {
            throw new ArgumentOutOfRangeException(nameof(slackMs), slackMs, "must be 0 or a finite number of milliseconds");
        }

        _slackTicks = (long)(slackMs * Stopwatch.Frequency / 1000.0);
        _inner = inner;
        _ticksPerEventMs = Stopwatch.Frequency / 1000.0 / speed;
        _stop = stop;
    }

    public bool TryReadNext(ref EngineEvent slot)
    {
        if (_stop.IsCancellationRequested || !_inner.TryReadNext(ref slot))
        {
            return false;
        }

        long eventMs = slot.Kind switch
        {
            EventKind.Trade => slot.Trade.EventTimeMs,
            EventKind.AggregatedRow => slot.Row.StartMs,
            _ => long.MinValue,
        };
        if (eventMs == long.MinValue)
        {
            return true;
        }

        if (_originEventMs == long.MinValue)
        {
            _originEventMs = eventMs;
            _originTicks = Stopwatch.GetTimestamp();
            return true;
        }

        long due = _originTicks + (long)((eventMs - _originEventMs) * _ticksPerEventMs);
        return WaitUntil(due);
    }

    /// <summary>False when stopped while waiting (the event is then dropped with the rest of the input).</summary>
    private bool WaitUntil(long dueTicks)
    {
        long msTicks = Stopwatch.Frequency / 1000;
        while (true)
        {
            long left = dueTicks - Stopwatch.GetTimestamp();
            if (left <= _slackTicks)
            {
                return true;
            }

            if (_stop.IsCancellationRequested)
            {
                return false;
            }

            if (_slackTicks > 0)
            {
                Thread.Sleep((int)Math.Clamp((left - _slackTicks) / msTicks, 1, 50)); // never spins: may wake up to S ms early
            }
            else if (left > 2 * msTicks)
            {
                Thread.Sleep((int)Math.Min(50, (left / msTicks) - 1));
            }
            else
            {
                Thread.SpinWait(20);
            }
        }
    }
}
