using System.Runtime.CompilerServices;

namespace Engine.Metrics;

/// <summary>
/// HdrHistogram's writer-reader phaser: writers enter and leave critical sections wait-free (one atomic
/// increment each way); a reader flips the phase and waits until every writer that entered before the flip has
/// left, after which whatever those writers touched is quiescent. Readers must hold <see cref="ReaderLock"/>.
/// </summary>
public sealed class WriterReaderPhaser
{
    // Writers increment the start epoch on entry; its sign says which phase they entered in (even: >= 0, odd: < 0).
    private long _startEpoch;
    // Writers that entered in the even (odd) phase increment this on exit; the reader resets the next one on a flip.
    private long _evenEndEpoch;
    private long _oddEndEpoch = long.MinValue;

    /// <summary>Serialises readers (cold side only); writers never touch it.</summary>
    public Lock ReaderLock { get; } = new();

    /// <summary>Enters a writer critical section; pass the result to <see cref="WriterCriticalSectionExit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long WriterCriticalSectionEnter() =>
        Interlocked.Increment(ref _startEpoch) - 1; // full fence: reads of the active data below cannot move above it

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriterCriticalSectionExit(long criticalValueAtEnter)
    {
        // Full fence: the writes made in the section are visible before the reader sees the exit.
        if (criticalValueAtEnter < 0)
        {
            Interlocked.Increment(ref _oddEndEpoch);
        }
        else
        {
            Interlocked.Increment(ref _evenEndEpoch);
        }
    }

    /// <summary>
    /// Flips the phase and spins until all writers that entered before the flip have exited.
    /// Caller holds <see cref="ReaderLock"/> and has already redirected writers to fresh data.
    /// </summary>
    public void FlipPhase()
    {
        if (!ReaderLock.IsHeldByCurrentThread)
        {
            throw new InvalidOperationException("FlipPhase requires the reader lock");
        }

        bool nextPhaseIsEven = Volatile.Read(ref _startEpoch) < 0;
        long initialStartValue;
        if (nextPhaseIsEven)
        {
            initialStartValue = 0;
            Volatile.Write(ref _evenEndEpoch, initialStartValue);
        }
        else
        {
            initialStartValue = long.MinValue;
            Volatile.Write(ref _oddEndEpoch, initialStartValue);
        }

        // Full fence: the end-epoch reset above and the caller's swap are visible before writers see the new phase.
        long startValueAtFlip = Interlocked.Exchange(ref _startEpoch, initialStartValue);
        var spinner = default(SpinWait);
        while (true)
        {
            long ended = nextPhaseIsEven ? Volatile.Read(ref _oddEndEpoch) : Volatile.Read(ref _evenEndEpoch);
            if (ended == startValueAtFlip)
            {
                return;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
