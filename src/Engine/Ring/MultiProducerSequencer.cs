using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// Sequencer safe for any number of producer threads. Claims advance the cursor by compare-and-set; since slots
/// may be published out of claim order, each slot carries a lap flag in an available buffer, and consumers scan it
/// (<see cref="GetHighestPublishedSequence"/>) to find the contiguous published prefix.
/// </summary>
public sealed class MultiProducerSequencer : Sequencer
{
    // availableBuffer[seq & mask] == seq >> indexShift (the lap number) once seq is published.
    private readonly int[] _availableBuffer;
    private readonly int _indexMask;
    private readonly int _indexShift;

    // The slowest consumer as some producer last saw it; shared by all producers, hence padded.
    private readonly Sequence _gatingSequenceCache = new();

    // Counted by any producer thread, hence Interlocked; padded away from the cursor traffic.
    private PaddedLong _ringFullCount;

    public MultiProducerSequencer(int bufferSize, IWaitStrategy waitStrategy)
        : base(bufferSize, waitStrategy)
    {
        _availableBuffer = new int[bufferSize];
        _availableBuffer.AsSpan().Fill(-1); // lap -1: nothing published yet
        _indexMask = bufferSize - 1;
        _indexShift = BitOperations.Log2((uint)bufferSize);
    }

    public override long RingFullCount => Volatile.Read(ref _ringFullCount.Value);

    internal override bool CursorIncludesUnpublished => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override long Next() => Next(1);

    public override long Next(int n)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, BufferSize);
        }

        var spinner = default(SpinWait);
        while (true)
        {
            long current = _cursor.Value;
            long next = current + n;
            long wrapPoint = next - BufferSize;
            long cached = _gatingSequenceCache.Value;
            if (wrapPoint > cached || cached > current)
            {
                long minimum = MinimumGatingSequence(current);
                if (wrapPoint > minimum)
                {
                    spinner.SpinOnce(sleep1Threshold: -1); // full: spin, then yield, and look again
                    continue;
                }

                _gatingSequenceCache.Value = minimum;
            }
            else if (_cursor.CompareAndSet(current, next))
            {
                return next;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool TryNext(out long sequence) => TryNext(1, out sequence);

    public override bool TryNext(int n, out long highSequence)
    {
        if ((uint)(n - 1) >= (uint)BufferSize)
        {
            ThrowHelper.ClaimSizeOutOfRange(n, BufferSize);
        }

        long current;
        long next;
        do
        {
            current = _cursor.Value;
            next = current + n;
            if (!HasAvailableCapacity(n, current))
            {
                Interlocked.Increment(ref _ringFullCount.Value);
                highSequence = Sequence.InitialValue;
                return false;
            }
        }
        while (!_cursor.CompareAndSet(current, next));

        highSequence = next;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Publish(long sequence)
    {
        SetAvailable(sequence);
        if (_signalOnPublish)
        {
            _waitStrategy.SignalAllWhenBlocking();
        }
    }

    public override void Publish(long low, long high)
    {
        for (long s = low; s <= high; s++)
        {
            SetAvailable(s);
        }

        if (_signalOnPublish)
        {
            _waitStrategy.SignalAllWhenBlocking();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override bool IsAvailable(long sequence)
    {
        ref int flag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (nint)(sequence & _indexMask));
        return Volatile.Read(ref flag) == (int)(sequence >> _indexShift); // acquire: the slot read after this sees the producer's writes
    }

    public override long GetHighestPublishedSequence(long low, long available)
    {
        for (long s = low; s <= available; s++)
        {
            if (!IsAvailable(s))
            {
                return s - 1;
            }
        }

        return available;
    }

    private bool HasAvailableCapacity(int n, long current)
    {
        long wrapPoint = current + n - BufferSize;
        long cached = _gatingSequenceCache.Value;
        if (wrapPoint > cached || cached > current)
        {
            long minimum = MinimumGatingSequence(current);
            _gatingSequenceCache.Value = minimum;
            if (wrapPoint > minimum)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetAvailable(long sequence)
    {
        ref int flag = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_availableBuffer), (nint)(sequence & _indexMask));
        Volatile.Write(ref flag, (int)(sequence >> _indexShift)); // release: the slot writes above become visible first
    }
}
