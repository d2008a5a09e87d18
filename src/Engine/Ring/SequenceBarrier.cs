using System.Runtime.CompilerServices;

namespace Engine.Ring;

/// <summary>
/// What one consumer waits on: the sequencer's cursor and, for a chained consumer, every upstream consumer's
/// sequence, so it never passes them. Alerting it asks the consumer to halt (or drain). One barrier per consumer.
/// </summary>
public sealed class SequenceBarrier
{
    private readonly Sequencer _sequencer;
    private readonly IWaitStrategy _waitStrategy;
    private readonly Sequence _cursor;
    private readonly Sequence[] _dependents;

    // Only a consumer reading straight behind a multi-producer cursor must scan the lap flags; upstream
    // consumers' sequences only ever cover published slots.
    private readonly bool _scanAvailability;

    private volatile bool _alerted;

    internal SequenceBarrier(Sequencer sequencer, Sequence[] dependents, IWaitStrategy? waitStrategy = null)
    {
        _sequencer = sequencer;
        _waitStrategy = waitStrategy ?? sequencer.WaitStrategy;
        _cursor = sequencer.Cursor;
        _dependents = dependents;
        _scanAvailability = dependents.Length == 0 && sequencer.CursorIncludesUnpublished;
    }

    public Sequence Cursor => _cursor;

    public bool IsAlerted => _alerted;

    /// <summary>The sequence this consumer may read up to as far as upstream is concerned (cursor, or slowest upstream consumer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long DependentSequence() =>
        _dependents.Length == 0 ? _cursor.Value : Sequence.Minimum(_dependents, long.MaxValue);

    /// <summary>
    /// Waits until <paramref name="sequence"/> may be read. On <see cref="WaitOutcome.Available"/>,
    /// <paramref name="availableSequence"/> is the highest readable sequence; it can be below
    /// <paramref name="sequence"/> when a producer has claimed but not yet published it: call again.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WaitOutcome WaitFor(long sequence, out long availableSequence)
    {
        if (_alerted)
        {
            availableSequence = Sequence.InitialValue;
            return WaitOutcome.Alerted;
        }

        long available = DependentSequence();
        if (available < sequence)
        {
            // Only now pay for the strategy: it spins, yields, sleeps or parks until the sequence is there.
            WaitOutcome outcome = _waitStrategy.WaitFor(sequence, this, out available);
            if (outcome != WaitOutcome.Available)
            {
                availableSequence = available;
                return outcome;
            }
        }

        availableSequence = _scanAvailability ? _sequencer.GetHighestPublishedSequence(sequence, available) : available;
        return WaitOutcome.Available;
    }

    /// <summary>Wakes the consumer with <see cref="WaitOutcome.Alerted"/> until <see cref="ClearAlert"/>.</summary>
    public void Alert()
    {
        _alerted = true; // volatile store; a blocking strategy's fenced flag exchange follows
        _waitStrategy.SignalAllWhenBlocking();
    }

    public void ClearAlert() => _alerted = false;
}
