using System.Runtime.CompilerServices;
using Engine.Metrics;
using Engine.Timing;

namespace Engine.Pipeline;

/// <summary>
/// Per-stage and end-to-end latency of the engine thread, in nanoseconds (1 ns to 1 min, 3 digits), recorded as
/// interval histograms: the engine thread records into the active set; a reader (the status thread, or the run's end
/// once the engine thread has stopped) takes each interval with <see cref="SwapInterval"/>, which hands over the set
/// the writer has just left and never exposes the one being written. Values are recorded as measured
/// (completion − start); there is no expected-interval correction here: the latency program paces its injector and
/// measures from each event's intended start instead.
/// </summary>
/// <remarks>
/// Writer side (engine thread): a timed event opens one phaser critical section (<see cref="BeginEvent"/>, two atomic
/// increments per timed event, none on untimed ones) and records any number of stages inside it; a record outside an
/// event (a signal's signal-to-order on an untimed event) opens its own. Recording allocates nothing.
/// </remarks>
public sealed class StageLatency
{
    public const int StageCount = (int)Stage.SignalToOrder + 1;

    /// <summary>The highest latency tracked, 1 minute in ns; anything above is counted as overflow.</summary>
    public const long HighestNanos = 60L * 1_000_000_000;

    /// <summary>Significant value digits of every stage histogram.</summary>
    public const int SignificantDigits = 3;

    private readonly WriterReaderPhaser _phaser = new();
    private LatencyInterval _active;      // the writer's; replaced by the reader at a swap
    private LatencyInterval _inactive;    // reader-owned: the interval handed out last, reused at the next swap
    private LatencyInterval? _eventInterval; // writer-owned: the interval the open event records into, null outside one
    private DateTime _intervalStartUtc;   // reader-owned

    public StageLatency()
    {
        _active = new LatencyInterval(NewSet());
        _inactive = new LatencyInterval(NewSet());
        _intervalStartUtc = DateTime.UtcNow;
    }

    /// <summary>Writer: opens the critical section one timed event records in; pass the result to <see cref="EndEvent"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long BeginEvent()
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        // Read after entering (the enter is a full fence): a swap that this section precedes waits for it to end,
        // and one that came first has already published its new interval. Every stage of the event lands in it.
        _eventInterval = Volatile.Read(ref _active);
        return critical;
    }

    /// <summary>Writer: closes the section <see cref="BeginEvent"/> opened.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndEvent(long critical)
    {
        _eventInterval = null;
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>Writer: records <c>end − start</c> (clock ticks) for <paramref name="stage"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(Stage stage, long startTimestamp, long endTimestamp)
    {
        long nanos = EngineClock.ElapsedNanos(startTimestamp, endTimestamp);
        if (nanos < 1)
        {
            nanos = 1;
        }

        LatencyInterval? inEvent = _eventInterval;
        if (inEvent is not null)
        {
            inEvent.Set[(int)stage].RecordValue(nanos);
            return;
        }

        long critical = _phaser.WriterCriticalSectionEnter();
        Volatile.Read(ref _active).Set[(int)stage].RecordValue(nanos);
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>
    /// Writer: the warm-up is over; clears what the current interval holds so far and marks it restarted, so a reader
    /// adding intervals up (<see cref="LatencyTotals"/>) drops everything before it. Allocates nothing.
    /// </summary>
    public void RestartAfterWarmup()
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        Volatile.Read(ref _active).Restart(); // marks the interval the writer is in, whichever that is
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>
    /// Reader: ends the current interval and returns it. It stays valid and unchanged until the next call, which
    /// resets it and gives it back to the writer. Readers are serialised; allocates nothing.
    /// </summary>
    public LatencyInterval SwapInterval()
    {
        lock (_phaser.ReaderLock)
        {
            LatencyInterval next = _inactive;
            next.Clear();
            LatencyInterval interval = _active;
            Volatile.Write(ref _active, next);
            _phaser.FlipPhase(); // returns once the writer can no longer be inside `interval`

            DateTime now = DateTime.UtcNow;
            interval.Seal(_intervalStartUtc, now);
            _intervalStartUtc = now;
            _inactive = interval;
            return interval;
        }
    }

    public static string NameOf(Stage stage) => stage switch
    {
        Stage.ReceivedToEngine => "queue",
        Stage.Venue => "venue",
        Stage.Aggregation => "aggregation",
        Stage.VolumeBars => "volume-bars",
        Stage.Indicators => "indicators",
        Stage.Signal => "signal",
        Stage.Risk => "risk",
        Stage.Oms => "oms",
        Stage.ReceivedToDone => "end-to-end",
        Stage.SignalToOrder => "signal-to-order",
        _ => "unknown",
    };

    /// <summary>A histogram with the stage layout (1 ns..1 min, 3 digits).</summary>
    internal static Histogram NewHistogram() => new(1, HighestNanos, SignificantDigits);

    private static Histogram[] NewSet()
    {
        var set = new Histogram[StageCount];
        for (int i = 0; i < set.Length; i++)
        {
            set[i] = NewHistogram();
        }

        return set;
    }
}
