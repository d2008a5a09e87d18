using System.Runtime.CompilerServices;

namespace Engine.Signals;

/// <summary>
/// Quantity per price bin over a sliding window of rows, with its point of control: the bin holding the most quantity,
/// a tie going to the bin that first appears in the window (oldest row first). Exact and preallocated.
/// </summary>
/// <remarks>
/// A window of W rows holds at most W distinct bins, so every table is sized from W at construction:
/// - an open-addressing hash (linear probing, backward-shift deletion) maps a bin key to its slot;
/// - per slot: live row count and heap position; its total quantity (exact 10^-8 units) and the sequence of its
///   oldest live row ride in its heap entry;
/// - per row: its slot and the sequence of the next row in the same bin, so when the oldest row of the window
///   leaves, its bin's first appearance moves to that next row in O(1);
/// - an indexed binary heap of slots ordered by (quantity desc, first appearance asc), a strict total order because
///   first appearances are distinct rows. The POC is the heap top.
/// A row's arrival only raises one bin (sift up) and its departure only lowers one (sift down), so each row costs
/// O(1) hash work plus O(log B) heap steps with B &lt;= W live bins (8 steps for 180 rows). A general
/// increase/decrease-key maximum cannot be O(1) by comparisons; O(log B) with tiny constants is what is done here.
/// </remarks>
internal sealed class PocHistogram
{
    private const int Empty = 0;
    private readonly int _window;

    private readonly long[] _binKey;
    private readonly int[] _binRows;
    private readonly int[] _binLastIndex;
    private readonly int[] _binHeapIndex;
    private readonly int[] _freeSlots;
    private int _freeCount;

    // Each heap entry carries its bin's ordering key (quantity, first appearance), so sifting compares contiguous
    // entries instead of chasing slot indices into per-bin arrays (see DeltaScoutBenchmarks).
    private readonly HeapEntry[] _heap;
    private int _heapCount;

    private readonly int[] _table; // slot + 1, 0 = empty
    private readonly int _tableMask;

    private readonly int[] _rowSlot;
    private readonly long[] _rowNext;
    private int _addIndex;   // ring index of the next row added (sequence % window, kept without division)
    private int _evictIndex; // ring index of the oldest row

    public PocHistogram(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _window = window;
        _binKey = new long[window];
        _binRows = new int[window];
        _binLastIndex = new int[window];
        _binHeapIndex = new int[window];
        _freeSlots = new int[window];
        _heap = new HeapEntry[window];
        _rowSlot = new int[window];
        _rowNext = new long[window];
        int tableSize = 8;
        while (tableSize < window * 2)
        {
            tableSize <<= 1;
        }

        _table = new int[tableSize];
        _tableMask = tableSize - 1;
        Clear();
    }

    /// <summary>Number of distinct bins in the window.</summary>
    public int BinCount => _heapCount;

    /// <summary>The POC bin key; only meaningful when <see cref="BinCount"/> &gt; 0.</summary>
    public long TopKey
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _binKey[_heap[0].Slot];
    }

    /// <summary>Adds row <paramref name="sequence"/> (the newest; evict the oldest first when the window is full).</summary>
    public void Add(long sequence, long binKey, long quantityE8)
    {
        int rowIndex = _addIndex;
        _addIndex = rowIndex + 1 == _window ? 0 : rowIndex + 1;
        _rowNext[rowIndex] = -1;
        int slot = Find(binKey);
        if (slot < 0)
        {
            slot = _freeSlots[--_freeCount];
            _binKey[slot] = binKey;
            _binRows[slot] = 1;
            _binLastIndex[slot] = rowIndex;
            Insert(binKey, slot);
            int at = _heapCount++;
            _heap[at] = new HeapEntry { Quantity = quantityE8, First = sequence, Slot = slot };
            _rowSlot[rowIndex] = slot;
            SiftUp(at);
            return;
        }

        _rowNext[_binLastIndex[slot]] = sequence;
        _binLastIndex[slot] = rowIndex;
        _binRows[slot]++;
        _rowSlot[rowIndex] = slot;
        int existing = _binHeapIndex[slot];
        _heap[existing].Quantity += quantityE8;
        SiftUp(existing);
    }

    /// <summary>Removes the oldest row in the window, whose quantity was <paramref name="quantityE8"/>.</summary>
    public void EvictOldest(long quantityE8)
    {
        int rowIndex = _evictIndex;
        _evictIndex = rowIndex + 1 == _window ? 0 : rowIndex + 1;
        int slot = _rowSlot[rowIndex];
        if (--_binRows[slot] == 0)
        {
            Remove(_binKey[slot]);
            int at = _binHeapIndex[slot];
            HeapEntry last = _heap[--_heapCount];
            _freeSlots[_freeCount++] = slot;
            if (at < _heapCount)
            {
                _heap[at] = last;
                _binHeapIndex[last.Slot] = at;
                SiftDown(at);
                SiftUp(_binHeapIndex[last.Slot]);
            }

            return;
        }

        ref HeapEntry entry = ref _heap[_binHeapIndex[slot]];
        entry.Quantity -= quantityE8;
        entry.First = _rowNext[rowIndex];
        SiftDown(_binHeapIndex[slot]);
    }

    public void Clear()
    {
        Array.Clear(_table);
        _heapCount = 0;
        _addIndex = 0;
        _evictIndex = 0;
        _freeCount = _window;
        for (int i = 0; i < _window; i++)
        {
            _freeSlots[i] = _window - 1 - i;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Better(in HeapEntry a, in HeapEntry b) =>
        a.Quantity > b.Quantity || (a.Quantity == b.Quantity && a.First < b.First);

    private void SiftUp(int at)
    {
        HeapEntry[] heap = _heap;
        HeapEntry moving = heap[at];
        while (at > 0)
        {
            int parentAt = (at - 1) >> 1;
            ref HeapEntry parent = ref heap[parentAt];
            if (!Better(in moving, in parent))
            {
                break;
            }

            heap[at] = parent;
            _binHeapIndex[parent.Slot] = at;
            at = parentAt;
        }

        heap[at] = moving;
        _binHeapIndex[moving.Slot] = at;
    }

    private void SiftDown(int at)
    {
        HeapEntry[] heap = _heap;
        HeapEntry moving = heap[at];
        int count = _heapCount;
        while (true)
        {
            int child = (at << 1) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Better(in heap[child + 1], in heap[child]))
            {
                child++;
            }

            ref HeapEntry best = ref heap[child];
            if (!Better(in best, in moving))
            {
                break;
            }

            heap[at] = best;
            _binHeapIndex[best.Slot] = at;
            at = child;
        }

        heap[at] = moving;
        _binHeapIndex[moving.Slot] = at;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> 32) & _tableMask;

    private int Find(long key)
    {
        int i = Home(key);
        while (true)
        {
            int entry = _table[i];
            if (entry == Empty)
            {
                return -1;
            }

            if (_binKey[entry - 1] == key)
            {
                return entry - 1;
            }

            i = (i + 1) & _tableMask;
        }
    }

    private void Insert(long key, int slot)
    {
        int i = Home(key);
        while (_table[i] != Empty)
        {
            i = (i + 1) & _tableMask;
        }

        _table[i] = slot + 1;
    }

    private void Remove(long key)
    {
        int i = Home(key);
        while (_binKey[_table[i] - 1] != key)
        {
            i = (i + 1) & _tableMask;
        }

        // Backward-shift deletion: pull later entries of the probe run into the hole so lookups never need tombstones.
        int hole = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & _tableMask;
            int entry = _table[j];
            if (entry == Empty)
            {
                break;
            }

            int home = Home(_binKey[entry - 1]);
            bool movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable)
            {
                _table[hole] = entry;
                hole = j;
            }
        }

        _table[hole] = Empty;
    }

    private struct HeapEntry
    {
        public long Quantity;
        public long First; // sequence of the bin's oldest live row: ties go to the bin seen first
        public int Slot;
    }
}
