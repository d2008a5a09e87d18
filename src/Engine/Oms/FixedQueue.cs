using System.Runtime.CompilerServices;

namespace Engine.Oms;

/// <summary>
/// A preallocated first-in first-out queue of structs for one thread (the engine thread hands order requests to the
/// paper venue and takes its reports back through two of these). A full queue refuses and counts, never grows.
/// </summary>
public sealed class FixedQueue<T> where T : struct
{
    private readonly T[] _items;
    private readonly int _mask;
    private long _head;
    private long _tail;

    /// <param name="capacity">A power of two.</param>
    public FixedQueue(int capacity)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "queue capacity must be a power of two");
        }

        _items = new T[capacity];
        _mask = capacity - 1;
    }

    public int Count => (int)(_tail - _head);

    public int Capacity => _items.Length;

    /// <summary>Items refused because the queue was full.</summary>
    public long Overflows { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnqueue(in T item)
    {
        if (_tail - _head == _items.Length)
        {
            Overflows++;
            return false;
        }

        _items[(int)(_tail & _mask)] = item;
        _tail++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out T item)
    {
        if (_head == _tail)
        {
            item = default;
            return false;
        }

        item = _items[(int)(_head & _mask)];
        _head++;
        return true;
    }

    /// <summary>The oldest item, without taking it; valid only when <see cref="Count"/> &gt; 0.</summary>
    public ref readonly T Peek() => ref _items[(int)(_head & _mask)];

    public void Clear() => _head = _tail;
}
