using System.Runtime.CompilerServices;

namespace Engine.Metrics;

/// <summary>
/// Records into an active histogram on one writer thread (the engine thread) while one reporter thread takes
/// consistent interval snapshots: <see cref="SwapInterval"/> exchanges the active histogram for the inactive one
/// and waits, through a <see cref="WriterReaderPhaser"/>, until the writer has left it. Recording is wait-free
/// and allocation-free; the two histograms are allocated once, in the constructor.
/// </summary>
public sealed class SingleWriterRecorder
{
    private readonly WriterReaderPhaser _phaser = new();
    private Histogram _active;   // read by the writer inside a critical section, replaced by the reporter
    private Histogram _inactive; // reporter-owned: the last interval handed out, reused at the next swap

    public SingleWriterRecorder(long lowestDiscernibleValue, long highestTrackableValue, int significantValueDigits)
    {
        _active = new Histogram(lowestDiscernibleValue, highestTrackableValue, significantValueDigits);
        _inactive = new Histogram(lowestDiscernibleValue, highestTrackableValue, significantValueDigits);
    }

    /// <summary>Writer thread only. See <see cref="Histogram.RecordValue"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordValue(long value)
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        Volatile.Read(ref _active).RecordValue(value);
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>Writer thread only. See <see cref="Histogram.RecordValueWithCount"/>.</summary>
    public bool RecordValueWithCount(long value, long count)
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        bool recorded = Volatile.Read(ref _active).RecordValueWithCount(value, count);
        _phaser.WriterCriticalSectionExit(critical);
        return recorded;
    }

    /// <summary>Writer thread only, service-time callers only. See <see cref="Histogram.RecordValueWithExpectedInterval"/>.</summary>
    public void RecordValueWithExpectedInterval(long value, long expectedIntervalBetweenValueSamples)
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        Volatile.Read(ref _active).RecordValueWithExpectedInterval(value, expectedIntervalBetweenValueSamples);
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>
    /// Reporter thread: ends the current interval and returns its histogram, which stays valid and unchanged
    /// until the next call (it is then reset and becomes the active one). Allocates nothing.
    /// </summary>
    public Histogram SwapInterval()
    {
        lock (_phaser.ReaderLock)
        {
            _inactive.Reset(); // nobody writes it: it left the writer at the previous swap
            Histogram interval = _active;
            Volatile.Write(ref _active, _inactive);
            _inactive = interval;
            _phaser.FlipPhase(); // returns once the writer can no longer be inside `interval`
            return interval;
        }
    }

    /// <summary>Reporter thread: ends the current interval and adds it into <paramref name="target"/>.</summary>
    public void AddIntervalTo(Histogram target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_phaser.ReaderLock)
        {
            target.Add(SwapInterval());
        }
    }
}
