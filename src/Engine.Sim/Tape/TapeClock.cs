using System.Diagnostics;

namespace Engine.Sim.Tape;

/// <summary>
/// Tape time: holds at the tape's first trade until <see cref="Start"/> (the first market-data subscription, or at
/// once with <c>--no-wait</c>), then advances at recorded speed × <see cref="Speed"/> of the wall clock. Market data
/// carries tape time; everything a client signs or waits on uses <see cref="WallClockMs"/> (plus any clock-skew fault).
/// Thread-safe: Start is idempotent, readers see either held or running.
/// </summary>
public sealed class TapeClock
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _tapeStartMs;
    private long _wallStartTicks; // Stopwatch ticks at Start; 0 while held

    public TapeClock(long tapeStartMs, double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "speed must be a positive finite number");
        }

        _tapeStartMs = tapeStartMs;
        Speed = speed;
    }

    public double Speed { get; }

    public bool IsRunning => Volatile.Read(ref _wallStartTicks) != 0;

    /// <summary>Completes when the tape starts moving.</summary>
    public Task Started => _started.Task;

    /// <summary>The server's wall clock, Unix ms (what <c>/fapi/v1/time</c> answers before any skew fault).</summary>
    public static long WallClockMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Starts the tape (first call only).</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _wallStartTicks, Math.Max(1, Stopwatch.GetTimestamp()), 0) == 0)
        {
            _started.TrySetResult();
        }
    }

    /// <summary>Current tape time, Unix ms: the first trade's time while held.</summary>
    public long NowMs
    {
        get
        {
            long start = Volatile.Read(ref _wallStartTicks);
            if (start == 0)
            {
                return _tapeStartMs;
            }

            double elapsedMs = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
            return _tapeStartMs + (long)(elapsedMs * Speed);
        }
    }

    /// <summary>Wall time until tape time reaches <paramref name="tapeMs"/> (zero when already past; infinite while held).</summary>
    public TimeSpan WallDelayUntil(long tapeMs)
    {
        long start = Volatile.Read(ref _wallStartTicks);
        if (start == 0)
        {
            return Timeout.InfiniteTimeSpan;
        }

        double dueWallMs = (tapeMs - _tapeStartMs) / Speed;
        double elapsedMs = (Stopwatch.GetTimestamp() - start) * 1000.0 / Stopwatch.Frequency;
        return dueWallMs <= elapsedMs ? TimeSpan.Zero : TimeSpan.FromMilliseconds(dueWallMs - elapsedMs);
    }
}
