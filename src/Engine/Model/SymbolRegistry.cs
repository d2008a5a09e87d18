using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>
/// Symbol text ⇄ <see cref="SymbolId"/>, filled at start-up. Lookups are ASCII case-insensitive ("btcusdt" finds
/// "BTCUSDT") and, from UTF-8 bytes, allocation-free, so the hot path never builds a string.
/// Contract: <see cref="Add"/> is start-up only; after that any number of threads may look up concurrently.
/// </summary>
public sealed class SymbolRegistry
{
    /// <summary>Longest symbol accepted; Binance symbols are well under it.</summary>
    public const int MaxSymbolLength = 32;

    private const int MaxSymbols = 4096;

    private readonly List<byte[]> _upperNames = [];
    private readonly List<string> _names = [];

    // Open addressing: slot holds id + 1, 0 = empty. Capacity stays at least twice the count.
    private int[] _table = new int[64];

    public SymbolRegistry()
    {
    }

    public SymbolRegistry(IEnumerable<string> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        foreach (string symbol in symbols)
        {
            Add(symbol);
        }
    }

    public int Count => _names.Count;

    /// <summary>Registers a symbol (start-up only) and returns its id; adding a known symbol returns the existing id.</summary>
    public SymbolId Add(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (symbol.Length > MaxSymbolLength)
        {
            throw new ArgumentException($"symbol '{symbol}' is longer than {MaxSymbolLength} characters", nameof(symbol));
        }

        byte[] upper = new byte[symbol.Length];
        for (int i = 0; i < symbol.Length; i++)
        {
            char c = symbol[i];
            if (c <= ' ' || c > '~' || c == ',' || c == '"')
            {
                throw new ArgumentException($"symbol '{symbol}' has a character outside printable ASCII", nameof(symbol));
            }

            upper[i] = ToUpper((byte)c);
        }

        if (TryGet(upper, out SymbolId existing))
        {
            return existing;
        }

        if (_names.Count == MaxSymbols)
        {
            throw new InvalidOperationException($"more than {MaxSymbols} symbols");
        }

        var id = new SymbolId(_names.Count);
        _upperNames.Add(upper);
        _names.Add(System.Text.Encoding.ASCII.GetString(upper));
        if ((_names.Count * 2) > _table.Length)
        {
            Rehash(_table.Length * 2);
        }
        else
        {
            Insert(_table, upper, id.Value);
        }

        return id;
    }

    /// <summary>Finds a symbol from UTF-8 bytes, any ASCII case; false (and <see cref="SymbolId.None"/>) when unknown.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGet(ReadOnlySpan<byte> utf8, out SymbolId id)
    {
        int[] table = _table;
        if (utf8.Length == 0 || utf8.Length > MaxSymbolLength)
        {
            id = SymbolId.None;
            return false;
        }

        int mask = table.Length - 1;
        int slot = (int)(Hash(utf8) & (uint)mask);
        while (true)
        {
            int entry = table[slot];
            if (entry == 0)
            {
                id = SymbolId.None;
                return false;
            }

            if (EqualsUpper(utf8, _upperNames[entry - 1]))
            {
                id = new SymbolId(entry - 1);
                return true;
            }

            slot = (slot + 1) & mask;
        }
    }

    /// <summary>Finds a symbol from text (cold paths: configuration, command line).</summary>
    public bool TryGet(ReadOnlySpan<char> text, out SymbolId id)
    {
        Span<byte> buffer = stackalloc byte[MaxSymbolLength];
        if (text.Length > MaxSymbolLength)
        {
            id = SymbolId.None;
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                id = SymbolId.None;
                return false;
            }

            buffer[i] = (byte)text[i];
        }

        return TryGet(buffer[..text.Length], out id);
    }

    /// <summary>The canonical (upper-case) name of a registered symbol.</summary>
    public string NameOf(SymbolId id) =>
        (uint)id.Value < (uint)_names.Count ? _names[id.Value] : throw new ArgumentOutOfRangeException(nameof(id), id.Value, "unknown symbol id");

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ToUpper(byte b) => (uint)(b - 'a') <= 'z' - 'a' ? (byte)(b - 32) : b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> utf8)
    {
        uint h = 2166136261;
        for (int i = 0; i < utf8.Length; i++)
        {
            h = (h ^ ToUpper(utf8[i])) * 16777619;
        }

        return h ^ (h >> 15);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EqualsUpper(ReadOnlySpan<byte> utf8, byte[] upper)
    {
        if (utf8.Length != upper.Length)
        {
            return false;
        }

        for (int i = 0; i < upper.Length; i++)
        {
            if (ToUpper(utf8[i]) != upper[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void Insert(int[] table, byte[] upper, int id)
    {
        int mask = table.Length - 1;
        int slot = (int)(Hash(upper) & (uint)mask);
        while (table[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        table[slot] = id + 1;
    }

    private void Rehash(int capacity)
    {
        int[] table = new int[capacity];
        for (int i = 0; i < _upperNames.Count; i++)
        {
            Insert(table, _upperNames[i], i);
        }

        _table = table; // published whole: a concurrent reader sees the old or the new table, never a half-built one
    }
}
