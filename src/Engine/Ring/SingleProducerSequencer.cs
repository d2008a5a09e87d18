using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// Sequencer for exactly one producer thread: claims are plain field updates, publication is one release store.
/// Calling <c>Next</c>, <c>TryNext</c> or <c>Publish</c> from two threads corrupts the ring.
/// </summary>
public sealed class SingleProducerSequencer : Sequencer
{
    // Owned by the producer thread; padded so consumers polling the cursor never share its cache lines.
    private ProducerState _state;

    public SingleProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _state.NextValue = Sequence.InitialValue;
        _state.CachedGatingSequence = Sequence.InitialValue;
    }

    public override long RingFullCount => Volatile.Read(ref _state.RingFullCount);

    internal override bool CursorIncludesUnpublished => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next() => Next(1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, BufferSize);
        }

        long current = _state.NextValue;
        long next = current + n;
        long wrapPoint = next - BufferSize;
        long cached = _state.CachedGatingSequence;
        if (wrapPoint > cached || cached > current)
        {
            WaitForCapacity(wrapPoint, current);
        }

        _state.NextValue = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryNext(out long sequence) => TryNext(1, out sequence);

    public override bool TryNext(int n, out long highSequence)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, BufferSize);
        }

        long current = _state.NextValue;
        long next = current + n;
        long wrapPoint = next - BufferSize;
        long cached = _state.CachedGatingSequence;
        if (wrapPoint > cached || cached > current)
        {
            long minimum = MinimumGatingSequence(current);
            _state.CachedGatingSequence = minimum;
            if (wrapPoint > minimum)
            {
                // Only this thread writes the counter; the release store lets monitors read it torn-free.
                Volatile.Write(ref _state.RingFullCount, _state.RingFullCount + 1);
                highSequence = Sequence.InitialValue;
                return false;
            }
        }

        _state.NextValue = next;
        highSequence = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        _cursor.Value = sequence; // release: the slot writes above become visible before the cursor moves
        if (_signalOnPublish)
        {
            _waitStrategy.SignalAllWhenBlocking();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long low, long high) => Publish(high);

    public override bool IsAvailable(long sequence)
    {
        long cursor = _cursor.Value;
        return sequence <= cursor && sequence > cursor - BufferSize;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long GetHighestPublishedSequence(long low, long available) => available;

    // Rare: the cached view of the slowest consumer says the ring may be full. Spin until it is not.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WaitForCapacity(long wrapPoint, long current)
    {
        var spinner = default(SpinWait);
        long minimum;
        while (wrapPoint > (minimum = MinimumGatingSequence(current)))
        {
            spinner.SpinOnce(sleep1Threshold: -1); // spin, then yield; never a 1 ms sleep
        }

        _state.CachedGatingSequence = minimum;
    }

    [StructLayout(LayoutKind.Explicit, Size = PaddedLong.SizeBytes + (2 * sizeof(long)))]
    private struct ProducerState
    {
        [FieldOffset(PaddedLong.PaddingBytes)]
        public long NextValue;

        // The slowest consumer as last seen, so the producer reads other threads' sequences only near a wrap.
        [FieldOffset(PaddedLong.PaddingBytes + sizeof(long))]
        public long CachedGatingSequence;

        [FieldOffset(PaddedLong.PaddingBytes + (2 * sizeof(long)))]
        public long RingFullCount;
    }
}
