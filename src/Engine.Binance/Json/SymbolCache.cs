using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Binance.Json;

/// <summary>
/// A small direct-mapped cache in front of <see cref="SymbolRegistry"/> for symbols of up to 15 bytes, keyed by the
/// exact wire bytes (two zero-padded 8-byte words and the length), so a hit costs two compares and no hashing of text.
/// Owned by one parser, hence one thread; a symbol once found never changes id, so entries never go stale.
/// </summary>
internal sealed class SymbolCache
{
    public const int MaxLength = 15;

    private const int Size = 16; // power of two; a stream carries a handful of symbols

    private readonly SymbolRegistry _registry;
    private readonly Entry[] _entries = new Entry[Size];

    public SymbolCache(SymbolRegistry registry)
    {
        _registry = registry;
        for (int i = 0; i < _entries.Length; i++)
        {
            _entries[i].Length = -1; // empty: matches no text, not even an empty one
        }
    }

    /// <summary>
    /// <paramref name="low"/> and <paramref name="high"/> hold the symbol's bytes 0-7 and 8-15, zero past its length;
    /// <paramref name="text"/> is the same symbol, read only on a miss.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ulong low, ulong high, ReadOnlySpan<byte> text, out SymbolId id)
    {
        int slot = (int)(((low ^ high) * 0x9E3779B97F4A7C15UL) >> 60); // 4 bits: Size = 16
        ref Entry e = ref _entries[slot];
        if (e.Low == low && e.High == high && e.Length == text.Length)
        {
            id = new SymbolId(e.Id);
            return true;
        }

        return Miss(low, high, text, ref e, out id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool Miss(ulong low, ulong high, ReadOnlySpan<byte> text, ref Entry e, out SymbolId id)
    {
        if (!_registry.TryGet(text, out id))
        {
            return false;
        }

        e.Low = low;
        e.High = high;
        e.Length = text.Length;
        e.Id = id.Value;
        return true;
    }

    private struct Entry
    {
        public ulong Low;
        public ulong High;
        public int Length;
        public int Id;
    }
}
