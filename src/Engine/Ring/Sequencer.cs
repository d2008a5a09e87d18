using System.Numerics;

namespace Engine.Ring;

/// <summary>
/// Hands out ring sequences to producers and publishes them to consumers, never letting a producer claim a slot
/// that a gating (consumer) sequence has not finished with. Concrete types name their concurrency contract:
/// <see cref="SingleProducerSequencer"/> and <see cref="MultiProducerSequencer"/>. Claim with <c>Next</c> or
/// <c>TryNext</c>, write the slots, then <c>Publish</c> exactly the claimed range.
/// </summary>
public abstract class Sequencer
{
    private protected readonly IWaitStrategy _waitStrategy;

    // Publishers signal the strategy only when it parks consumers; a predictable branch otherwise.
    private protected readonly bool _signalOnPublish;

    // The highest claimed (multi-producer) or published (single-producer) sequence.
    private protected readonly Sequence _cursor = new();

    // Replaced as a whole (copy on write) so producers read a consistent array without locking.
    private protected Sequence[] _gatingSequences = [];

    private protected Sequencer(int bufferSize, IWaitStrategy waitStrategy)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        if (bufferSize < 1 || !BitOperations.IsPow2(bufferSize))
        {
            ThrowHelper.CapacityNotPowerOfTwo(bufferSize);
        }

        BufferSize = bufferSize;
        _waitStrategy = waitStrategy;
        _signalOnPublish = waitStrategy.IsBlockingStrategy;
    }

    public int BufferSize { get; }

    /// <summary>The cursor consumers wait on.</summary>
    public Sequence Cursor => _cursor;

    public IWaitStrategy WaitStrategy => _waitStrategy;

    /// <summary>How many times a <c>TryNext</c> found the ring full and returned false.</summary>
    public abstract long RingFullCount { get; }

    /// <summary>Claims the next sequence, waiting (spinning, then yielding) while the ring is full.</summary>
    public abstract long Next();

    /// <summary>Claims <paramref name="n"/> consecutive sequences and returns the highest; the lowest is <c>hi - n + 1</c>.</summary>
    public abstract long Next(int n);

    /// <summary>Claims the next sequence if the ring has room; otherwise returns false and counts a full ring.</summary>
    public abstract bool TryNext(out long sequence);

    /// <summary>Claims <paramref name="n"/> sequences if the ring has room for all of them; otherwise returns false and counts a full ring.</summary>
    public abstract bool TryNext(int n, out long highSequence);

    /// <summary>Makes a claimed, written slot visible to consumers.</summary>
    public abstract void Publish(long sequence);

    /// <summary>Makes the claimed, written range <paramref name="low"/>..<paramref name="high"/> visible to consumers.</summary>
    public abstract void Publish(long low, long high);

    /// <summary>True when <paramref name="sequence"/> has been published and not yet overwritten by a later lap.</summary>
    public abstract bool IsAvailable(long sequence);

    /// <summary>The highest sequence in <paramref name="low"/>..<paramref name="available"/> such that everything up to it is published.</summary>
    public abstract long GetHighestPublishedSequence(long low, long available);

    /// <summary>True when the cursor alone does not prove publication (claimed slots may still be unwritten).</summary>
    internal abstract bool CursorIncludesUnpublished { get; }

    /// <summary>Adds a consumer sequence the producers must not lap. Call at start-up, before publishing.</summary>
    public void AddGatingSequence(Sequence sequence) => AddGatingSequences([sequence]);

    /// <summary>Adds consumer sequences the producers must not lap. Call at start-up, before publishing.</summary>
    public void AddGatingSequences(Sequence[] sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        Sequence[] current;
        Sequence[] updated;
        do
        {
            current = Volatile.Read(ref _gatingSequences);
            updated = new Sequence[current.Length + sequences.Length];
            Array.Copy(current, updated, current.Length);
            long cursor = _cursor.Value;
            for (int i = 0; i < sequences.Length; i++)
            {
                sequences[i].Value = cursor; // a late joiner starts at the cursor rather than gating from -1
                updated[current.Length + i] = sequences[i];
            }
        }
        while (Interlocked.CompareExchange(ref _gatingSequences, updated, current) != current);
    }

    /// <summary>A barrier for one consumer reading straight behind the producers. One barrier per consumer.</summary>
    public SequenceBarrier NewBarrier() => new(this, []);

    /// <summary>
    /// A barrier for one consumer reading straight behind the producers that waits its own way: a consumer whose
    /// latency matters more than the ring's other consumers' (the order gateway behind the output ring, which the
    /// journal shares sleeping). The producers signal only the sequencer's strategy, so <paramref name="waitStrategy"/>
    /// must not block.
    /// </summary>
    public SequenceBarrier NewBarrier(IWaitStrategy waitStrategy)
    {
        ArgumentNullException.ThrowIfNull(waitStrategy);
        if (waitStrategy.IsBlockingStrategy)
        {
            throw new ArgumentException("a consumer's own wait strategy cannot block: the producers signal only the sequencer's", nameof(waitStrategy));
        }

        return new SequenceBarrier(this, [], waitStrategy);
    }

    /// <summary>A barrier for one consumer chained after <paramref name="upstream"/>: it never passes it.</summary>
    public SequenceBarrier NewBarrier(Sequence upstream) => NewBarrier([upstream]);

    /// <summary>
    /// A barrier for one consumer, waiting for this sequencer's cursor and for every upstream consumer in
    /// <paramref name="dependents"/> (empty: the consumer reads straight behind the producers). One barrier per consumer.
    /// </summary>
    public SequenceBarrier NewBarrier(Sequence[] dependents)
    {
        ArgumentNullException.ThrowIfNull(dependents);
        return new SequenceBarrier(this, (Sequence[])dependents.Clone());
    }

    /// <summary>The smallest gating sequence, or <paramref name="minimum"/> when there is none smaller.</summary>
    public long MinimumGatingSequence(long minimum) => Sequence.Minimum(Volatile.Read(ref _gatingSequences), minimum);
}
