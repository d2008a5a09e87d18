using System.Numerics;
using System.Runtime.CompilerServices;

namespace Engine.Signals;

/// <summary>
/// Maximum of the last <c>window</c> values pushed, in amortised O(1): a monotonic deque of (sequence, value) whose
/// values never increase from front to back. Push negated values to get a minimum. Preallocated; never grows.
/// </summary>
/// <remarks>
/// The deque lives in a power-of-two ring addressed by two ever-increasing counters, so no index ever wraps by a
/// branch, and each entry keeps its value and sequence side by side (one cache line per access). Sequences are
/// consecutive, so at most one entry expires per push: an <c>if</c>, not a loop (see DeltaScoutBenchmarks).
/// </remarks>
internal sealed class SlidingMaximum
{
    private readonly Entry[] _entries;
    private readonly int _mask;
    private readonly int _window;
    private int _head; // index of the front entry (the maximum), before masking
    private int _tail; // one past the back entry, before masking

    public SlidingMaximum(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)window);
        _entries = new Entry[capacity];
        _mask = capacity - 1;
    }

    /// <summary>The maximum over the window; only meaningful after the first <see cref="Push"/>.</summary>
    public long Max
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _entries[_head & _mask].Value;
    }

    public int Count => _tail - _head;

    /// <summary>Adds value number <paramref name="sequence"/> (consecutive, from 0) and drops the value that left the window.</summary>
    public void Push(long sequence, long value)
    {
        Entry[] entries = _entries;
        int mask = _mask;
        int head = _head;
        int tail = _tail;
        if (tail != head && entries[head & mask].Sequence <= sequence - _window)
        {
            head++; // consecutive sequences: only the front can have expired
        }

        while (tail != head && entries[(tail - 1) & mask].Value < value)
        {
            tail--; // equal values stay: the front is still the max, ties included
        }

        ref Entry slot = ref entries[tail & mask];
        slot.Value = value;
        slot.Sequence = sequence;
        _tail = tail + 1;
        if (head > (1 << 30))
        {
            // Keep the counters far from overflow; only their difference and their low bits matter.
            int shift = head & ~mask;
            head -= shift;
            _tail -= shift;
        }

        _head = head;
    }

    public void Clear()
    {
        _head = 0;
        _tail = 0;
    }

    private struct Entry
    {
        public long Value;
        public long Sequence;
    }
}
