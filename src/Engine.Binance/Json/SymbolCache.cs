using System.Runtime.CompilerServices;

namespace Engine.Binance.Json;

/// <summary>
/// A small direct-mapped cache of symbol ids for symbols of up to 15 bytes, keyed by the exact wire bytes (two
/// zero-padded 8-byte words and the length), so a hit costs two compares and no hashing of text.
/// Contract: callers add only registered symbols, as the bytes they validated (no quote or backslash), so a hit proves
/// the bytes are such a symbol. Owned by one parser, hence one thread; a symbol never changes id, so entries never go stale.
/// </summary>
internal sealed class SymbolCache
{
    public const int MaxLength = 15;

    private const int Size = 16; // power of two; a stream carries a handful of symbols

    private readonly Entry[] _entries = new Entry[Size];

    public SymbolCache()
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            _entries[i].Length = -1; // empty: matches no text, not even an empty one
        }
    }

    /// <summary><paramref name="low"/> and <paramref name="high"/> hold the symbol's bytes 0-7 and 8-15, zero past its length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ulong low, ulong high, int length, out int id)
    {
        ref Entry e = ref _entries[Slot(low, high)];
        id = e.Id;
        return e.Low == low && e.High == high && e.Length == length;
    }

    public void Add(ulong low, ulong high, int length, int id)
    {
        ref Entry e = ref _entries[Slot(low, high)];
        e.Low = low;
        e.High = high;
        e.Length = length;
        e.Id = id;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(ulong low, ulong high) => (int)(((low ^ high) * 0x9E3779B97F4A7C15UL) >> 60); // 4 bits: Size = 16

    private struct Entry
    {
        public ulong Low;
        public ulong High;
        public int Length;
        public int Id;
    }
}
