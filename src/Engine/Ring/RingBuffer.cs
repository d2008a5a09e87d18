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
        _mask = capacity - 1;
        Capacity = capacity;
    }

    public int Capacity { get; }

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
