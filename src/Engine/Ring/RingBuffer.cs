using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Engine.Ring;

/// <summary>
/// Preallocated, power-of-two array of <typeparamref name="T"/> slots reached by <c>ref</c> through a sequence mask.
/// It owns no coordination: a sequencer decides who may write which slot, a barrier who may read it.
/// </summary>
public sealed class RingBuffer<T>
    where T : struct
{
    // Extra slots before and after the live ones, so the first and last slot never share a cache line pair with
    // whatever object the allocator placed next to the array.
    private static readonly int PaddingSlots = Math.Max(1, 128 / Math.Max(1, Unsafe.SizeOf<T>()));

    private readonly T[] _slots;
    private readonly long _mask;

    public RingBuffer(int capacity)
    {
        if (capacity < 1 || !BitOperations.IsPow2(capacity))
        {
            ThrowHelper.CapacityNotPowerOfTwo(capacity);
        }

        _slots = new T[capacity + (2 * PaddingSlots)];
        TouchEveryPage(_slots);
        _mask = capacity - 1;
        Capacity = capacity;
    }

    public int Capacity { get; }

    // A large array comes from fresh pages that the OS maps on first write: write one slot per page now, at start-up,
    // so the producer's first lap does not take a page fault every few dozen slots.
    private static void TouchEveryPage(T[] slots)
    {
        int step = Math.Max(1, Environment.SystemPageSize / Math.Max(1, Unsafe.SizeOf<T>()));
        for (int i = 0; i < slots.Length; i += step)
        {
            slots[i] = default;
        }
    }

    /// <summary>The slot for <paramref name="sequence"/>; valid to write once claimed, to read once published.</summary>
    public ref T this[long sequence]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // The mask keeps the index inside [PaddingSlots, PaddingSlots + Capacity), so the bounds check is skipped.
            nint index = (nint)(sequence & _mask) + PaddingSlots;
            return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_slots), index);
        }
    }
}
