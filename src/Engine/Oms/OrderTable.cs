using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// Preallocated orders keyed by their deterministic client id: ids are issued in sequence from 1, and an id's slot is
/// <c>(id - 1) &amp; mask</c>, so lookups are one index and one compare. A slot is reused only once its order is final.
/// An id whose slot still holds a working order is skipped (ids stay unique and increasing, with a gap), so one order
/// stuck in its slot never blocks the orders after it; only when every slot is working is the table full.
/// </summary>
public sealed class OrderTable
{
    private readonly Order[] _slots;
    private readonly long _mask;
    private long _lastId;

    /// <param name="capacity">A power of two.</param>
    /// <param name="firstId">The first client id to issue minus one (a restart continues after the ids it has seen).</param>
    public OrderTable(int capacity, long firstId = 0)
    {
        if (capacity <= 0 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "order table capacity must be a power of two");
        }

        _slots = new Order[capacity];
        _mask = capacity - 1;
        _lastId = firstId;
    }

    public int Capacity => _slots.Length;

    /// <summary>The id the next successful <see cref="TryAdd"/> will issue.</summary>
    public ClientOrderId NextId => new(_lastId + 1);

    /// <summary>Ids skipped because their slot still held a working order.</summary>
    public long SkippedIds { get; private set; }

    /// <summary>The next id issued is the first after the next multiple of <paramref name="block"/> (a new session's; not a busy slot's skip).</summary>
    public void SkipToNextBlock(long block)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(block);
        _lastId = ((_lastId / block) + 1) * block;
    }

    /// <summary>Claims the next id whose slot is free; false only when every slot holds a working order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(out ClientOrderId id)
    {
        long next = _lastId + 1;
        ref Order slot = ref _slots[(next - 1) & _mask];
        if (slot.Status != OrderStatus.None && OrderStateMachine.IsWorking(slot.Status))
        {
            return TryAddAfterBusy(out id);
        }

        _lastId = next;
        slot = default;
        slot.ClientId = new ClientOrderId(next);
        id = slot.ClientId;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryAddAfterBusy(out ClientOrderId id)
    {
        for (long next = _lastId + 2; next <= _lastId + _slots.Length; next++)
        {
            ref Order slot = ref _slots[(next - 1) & _mask];
            if (slot.Status == OrderStatus.None || !OrderStateMachine.IsWorking(slot.Status))
            {
                SkippedIds += next - _lastId - 1;
                _lastId = next;
                slot = default;
                slot.ClientId = new ClientOrderId(next);
                id = slot.ClientId;
                return true;
            }
        }

        id = ClientOrderId.None;
        return false;
    }

    /// <summary>Every working order, oldest slot first, by reference (the OMS's sweep of open outcomes; cold-ish).</summary>
    internal Span<Order> Slots => _slots;

    /// <summary>The slot of <paramref name="id"/>; <paramref name="found"/> is false when the id is unknown or its slot was reused.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Order Find(ClientOrderId id, out bool found)
    {
        ref Order slot = ref _slots[(id.Value - 1) & _mask];
        found = id.Value > 0 && id.Value <= _lastId && slot.ClientId == id;
        return ref slot;
    }

    /// <summary>Counts orders that may still fill (cold: reports and tests).</summary>
    public int CountWorking()
    {
        int n = 0;
        foreach (ref readonly Order o in _slots.AsSpan())
        {
            if (o.Status != OrderStatus.None && OrderStateMachine.IsWorking(o.Status))
            {
                n++;
            }
        }

        return n;
    }
}
