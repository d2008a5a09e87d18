using System.Runtime.CompilerServices;

namespace Engine.Signals;

/// <summary>
/// Maximum of the last <c>window</c> values pushed, in amortised O(1): a monotonic deque of (sequence, value) whose
/// values never increase from front to back. Push negated values to get a minimum. Preallocated; never grows.
/// </summary>
internal sealed class SlidingMaximum
{
    private readonly long[] _values;
    private readonly long[] _sequences;
    private readonly int _window;
    private int _head;
    private int _count;

    public SlidingMaximum(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        _values = new long[window];
        _sequences = new long[window];
    }

    /// <summary>The maximum over the window; only meaningful after the first <see cref="Push"/>.</summary>
    public long Max
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _values[_head];
    }

    public int Count => _count;

    /// <summary>Adds value number <paramref name="sequence"/> (consecutive, from 0) and drops values that left the window.</summary>
    public void Push(long sequence, long value)
    {
        long[] values = _values;
        long[] sequences = _sequences;
        int capacity = values.Length;
        long oldest = sequence - _window;
        while (_count > 0 && sequences[_head] <= oldest)
        {
            _head = _head + 1 == capacity ? 0 : _head + 1;
            _count--;
        }

        while (_count > 0)
        {
            int back = _head + _count - 1;
            if (back >= capacity)
            {
                back -= capacity;
            }

            if (values[back] >= value)
            {
                break; // equal values stay: the front is still the max, ties included
            }

            _count--;
        }

        int slot = _head + _count;
        if (slot >= capacity)
        {
            slot -= capacity;
        }

        values[slot] = value;
        sequences[slot] = sequence;
        _count++;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
    }
}
