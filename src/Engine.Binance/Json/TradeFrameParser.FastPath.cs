using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Engine.Model;
using static Engine.Binance.Json.UncheckedScan;

namespace Engine.Binance.Json;

// The fast path: Binance's own byte layout, checked with word compares, read without per-byte bounds checks.
// It accepts only a strict subset of JSON: no whitespace, "e" first, one-letter keys from a known set each at most
// once, unsigned integers, decimals as "digits[.digits]" with at most 10 + 8 digits, "true"/"false", X = "MARKET",
// a symbol of 1-15 unescaped bytes, and nothing after the closing brace(s). Inside that subset it gives exactly what
// the general path gives; on anything else it declines and the general path parses the frame from the start.
// Bounds: every member lies inside the trade object, which must end with '}' at a known index ('end'); each read
// past a member's own bytes is a whole word, preceded by a check against the frame's length.
public sealed partial class TradeFrameParser
{
    private const ulong StreamHead0 = 0x6D6165727473227B; // {"stream
    private const ulong StreamHead1 = 0x223A226D61657274; // tream":"   (bytes 3-10 of {"stream":")
    private const ulong DataKey = 0x2261746164222C22;     // ","data"
    private const ushort DataColon = 0x7B3A;              // :{
    private const ulong AggHead0 = 0x6761223A2265227B;    // {"e":"ag
    private const ulong AggHead1 = 0x2C22656461725467;    // gTrade",
    private const ulong TradeHead0 = 0x7274223A2265227B;  // {"e":"tr
    private const ulong TradeHead1 = 0x2C22656461727422;  // "trade",  (bytes 5-12 of {"e":"trade",)
    private const ulong EventKeyMask = 0xFFFFFFFFFFFF;    // the 6 bytes {"e":"
    private const ulong MarketText = 0x2254454B52414D22;  // "MARKET"
    private const uint KeyFrame = 0x3A220022;             // "?":  with the key letter masked out
    private const uint KeyFrameMask = 0xFFFF00FF;

    // Fields of the fast path, in the order of FastFields; a key's code is its value kind << 4 | its field.
    private const int EventTimeField = 0;
    private const int TradeTimeField = 1;
    private const int AggIdField = 2;
    private const int TradeIdField = 3;
    private const int FirstField = 4;
    private const int LastField = 5;
    private const int PriceField = 6;
    private const int QuantityField = 7;
    private const int SymbolField = 8;
    private const int MakerField = 9;
    private const int TypeField = 10;
    private const int BestMatchField = 11;    // spot's "M": read, unused
    private const int BuyerOrderIdField = 12; // spot's "b": read, unused

    private const int IdKind = 1;
    private const int DecimalKind = 2;
    private const int SymbolKind = 3;
    private const int BoolKind = 4;
    private const int MarketKind = 5;

    private const int CommonFields = (1 << EventTimeField) | (1 << TradeTimeField) | (1 << PriceField) | (1 << QuantityField)
        | (1 << SymbolField) | (1 << MakerField);

    private const int AggregateFields = CommonFields | (1 << AggIdField) | (1 << FirstField) | (1 << LastField);
    private const int TradeOnlyFields = CommonFields | (1 << TradeIdField);

    private static readonly byte[] KeyCodes = BuildKeyCodes();

    /// <summary>False when the frame is outside the fast path's subset; <paramref name="result"/> is then meaningless.</summary>
    [SkipLocalsInit]
    internal bool TryParseFast(ReadOnlySpan<byte> s, ref EngineEvent slot, out FrameParseResult result)
    {
        result = FrameParseResult.Trade;
        int n = s.Length;
        if (n < 24)
        {
            return false;
        }

        ref byte b = ref MemoryMarshal.GetReference(s);
        int pos = 0;
        int end = n - 1;
        if (Read64(ref b, 0) == StreamHead0 && Read64(ref b, 3) == StreamHead1)
        {
            pos = SkipStreamName(s);
            if (pos < 0)
            {
                return false;
            }

            end = n - 2;
        }

        // pos stands on the trade object's '{' with at least 16 bytes after it.
        ulong head = Read64(ref b, pos);
        bool aggregate;
        if (head == AggHead0 && Read64(ref b, pos + 8) == AggHead1)
        {
            aggregate = true;
            pos += 16;
        }
        else if (head == TradeHead0 && Read64(ref b, pos + 5) == TradeHead1)
        {
            aggregate = false;
            pos += 13;
        }
        else
        {
            return TrySkipOtherEvent(s, pos, head, out result);
        }

        if (At(ref b, end) != (byte)'}' || At(ref b, n - 1) != (byte)'}' || end < 32 || end - pos < 5)
        {
            return false;
        }

        // The members lie between the commas, found 32 bytes at a time, so each member is read from where its comma
        // says it starts, not from where the previous one ended: the reads do not wait on each other. No value of
        // the fast path's forms holds a comma, so a comma inside a string makes a member fail its form and declines.
        // One value per key, indexed by field; each is written before it is read, as the seen mask proves.
        Unsafe.SkipInit(out FastFields values);
        int seen = 0;
        int start = pos;
        int chunk = pos;
        uint commas = CommaMask(ref b, chunk, end);
        while (true)
        {
            int stop;
            if (commas != 0)
            {
                stop = chunk + BitOperations.TrailingZeroCount(commas);
                commas &= commas - 1;
            }
            else if (end - chunk > 32)
            {
                chunk += 32;
                commas = CommaMask(ref b, chunk, end);
                continue;
            }
            else
            {
                stop = end; // the last member ends at the closing brace
            }

            // The member is "K":value in [start, stop).
            if (stop - start < 5)
            {
                return false;
            }

            uint key = Read32(ref b, start);
            int code = At(ref MemoryMarshal.GetArrayDataReference(KeyCodes), (int)((key >> 8) & 0xFF));
            int field = code & 0xF;
            if ((key & KeyFrameMask) != KeyFrame || code == 0 || (seen & (1 << field)) != 0)
            {
                return false;
            }

            seen |= 1 << field;
            int valueStart = start + 4;
            // Ids first: they are most of the members (a chain of conditional branches predicts better than a jump table).
            int kind = code >> 4;
            long value;
            bool ok;
            if (kind == IdKind)
            {
                ok = ParseId(ref b, n, valueStart, stop, out value);
            }
            else if (kind == DecimalKind)
            {
                ok = ParseDecimal(ref b, n, valueStart, stop, out value);
            }
            else if (kind == SymbolKind)
            {
                ok = ParseSymbol(s, valueStart, stop, out value);
            }
            else if (kind == BoolKind)
            {
                ok = ParseBool(ref b, valueStart, stop, out value);
            }
            else
            {
                value = 0; // MarketKind
                ok = stop - valueStart == 8 && Read64(ref b, valueStart) == MarketText;
            }

            if (!ok)
            {
                return false;
            }

            Unsafe.Add(ref values.First, field) = value;
            if (stop == end)
            {
                break;
            }

            start = stop + 1;
        }

        int required = aggregate ? AggregateFields : TradeOnlyFields;
        if ((seen & required) != required)
        {
            return false;
        }

        long symbol = values[SymbolField];
        if (symbol < 0)
        {
            result = FrameParseResult.UnknownSymbol; // everything else is valid: the general path says the same
            return true;
        }

        slot.Kind = EventKind.Trade;
        ref Trade t = ref slot.Trade;
        t.Symbol = new SymbolId((int)symbol);
        t.IsAggregate = aggregate;
        if (aggregate)
        {
            t.Id = values[AggIdField];
            t.FirstTradeId = values[FirstField];
            t.LastTradeId = values[LastField];
        }
        else
        {
            t.Id = values[TradeIdField];
            t.FirstTradeId = t.Id;
            t.LastTradeId = t.Id;
        }

        t.Price = new Price(values[PriceField]);
        t.Quantity = new Quantity(values[QuantityField]);
        t.TradeTimeMs = values[TradeTimeField];
        t.EventTimeMs = values[EventTimeField];
        t.BuyerIsMaker = values[MakerField] != 0;
        t.Type = TradeType.Market;
        return true;
    }

    // The frame opens with {"stream":" : returns the position of the '{' after the unescaped name and ","data":,
    // with 16 bytes after it, or -1.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipStreamName(ReadOnlySpan<byte> s)
    {
        const int nameStart = 11;
        ref byte b = ref MemoryMarshal.GetReference(s);
        int length = s.Length - nameStart >= 32 ? FirstQuoteOrBackslash(ref b, nameStart) : 32;
        if (length == 32)
        {
            length = s[nameStart..].IndexOfAny((byte)'"', (byte)'\\'); // a name of 32 bytes or more
        }

        int pos = nameStart + length;
        if (length < 0 || s.Length - pos < 10 + 16 || Read64(ref b, pos) != DataKey || Read16(ref b, pos + 8) != DataColon)
        {
            return -1;
        }

        return pos + 9;
    }

    // The object at pos opens with {"e":" but names neither aggTrade nor trade: the general path stops as soon as it
    // has read that name, so when the name is a plain string the answer is known here (a mark price is read there).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TrySkipOtherEvent(ReadOnlySpan<byte> s, int pos, ulong head, out FrameParseResult result)
    {
        result = FrameParseResult.SkippedUnknownEvent;
        if ((head & EventKeyMask) != (AggHead0 & EventKeyMask))
        {
            return false;
        }

        ReadOnlySpan<byte> rest = s[(pos + 6)..];
        int k = rest.IndexOfAny((byte)'"', (byte)'\\');
        if (k < 0 || rest[k] != (byte)'"')
        {
            return false;
        }

        ReadOnlySpan<byte> name = rest[..k];
        return !name.SequenceEqual("aggTrade"u8) && !name.SequenceEqual("trade"u8) && !name.SequenceEqual("markPriceUpdate"u8);
    }

    // A quoted symbol of 1-15 bytes with no quote or backslash inside, filling [pos, stop); an unregistered symbol
    // still succeeds, with id -1. A cache hit proves the inside (see SymbolCache); a miss checks it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ParseSymbol(ReadOnlySpan<byte> s, int pos, int stop, out long symbolId)
    {
        symbolId = -1;
        int start = pos + 1;
        int length = stop - start - 1;
        ref byte b = ref MemoryMarshal.GetReference(s);
        if (s.Length - start < 16 || (uint)(length - 1) >= SymbolCache.MaxLength || At(ref b, pos) != (byte)'"' || At(ref b, stop - 1) != (byte)'"')
        {
            return false;
        }

        ulong low = Read64(ref b, start);
        ulong high = Read64(ref b, start + 8);
        low = length >= 8 ? low : low & ((1UL << (length * 8)) - 1);
        high = length > 8 ? high & ((1UL << ((length - 8) * 8)) - 1) : 0;
        if (_symbolCache.TryGet(low, high, length, out int id))
        {
            symbolId = id;
            return true;
        }

        symbolId = LookUpSymbol(s, start, length, low, high);
        return symbolId != -2;
    }

    // A cache miss: the symbol's id, -1 when it is not registered, -2 when the text holds a quote or backslash.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private long LookUpSymbol(ReadOnlySpan<byte> s, int start, int length, ulong low, ulong high)
    {
        ReadOnlySpan<byte> text = s.Slice(start, length);
        if (text.IndexOfAny((byte)'"', (byte)'\\') >= 0)
        {
            return -2;
        }

        if (!_symbols.TryGet(text, out SymbolId symbol))
        {
            return -1;
        }

        _symbolCache.Add(low, high, length, symbol.Value);
        return symbol.Value;
    }

    private static byte[] BuildKeyCodes()
    {
        byte[] codes = new byte[256];
        codes['E'] = (IdKind << 4) | EventTimeField;
        codes['T'] = (IdKind << 4) | TradeTimeField;
        codes['a'] = (IdKind << 4) | AggIdField;
        codes['t'] = (IdKind << 4) | TradeIdField;
        codes['f'] = (IdKind << 4) | FirstField;
        codes['l'] = (IdKind << 4) | LastField;
        codes['b'] = (IdKind << 4) | BuyerOrderIdField;
        codes['p'] = (DecimalKind << 4) | PriceField;
        codes['q'] = (DecimalKind << 4) | QuantityField;
        codes['s'] = (SymbolKind << 4) | SymbolField;
        codes['m'] = (BoolKind << 4) | MakerField;
        codes['M'] = (BoolKind << 4) | BestMatchField;
        codes['X'] = (MarketKind << 4) | TypeField;
        return codes;
    }

    [InlineArray(16)]
    private struct FastFields
    {
        public long First;
    }
}
