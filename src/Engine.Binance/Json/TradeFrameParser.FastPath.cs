using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Engine.Model;

namespace Engine.Binance.Json;

// The fast path: Binance's own byte layout, checked with word compares, read without per-byte bounds checks.
// It accepts only a strict subset of JSON: no whitespace, "e" first, one-letter keys from a known set each at most
// once, unsigned integers, decimals as "digits[.digits]" with at most 10 + 8 digits, "true"/"false", X = "MARKET",
// a symbol of 1-15 unescaped bytes, and nothing after the closing brace(s). Inside that subset it gives exactly what
// the general path gives; on anything else it declines and the general path parses the frame from the start.
// Bounds: every read stays inside the frame because the trade object must end with '}' at a known index ('end'):
// digit loops stop on it, and each fixed-width read is preceded by a check against 'end'.
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
    private const ulong MarketText = 0x2254454B52414D22;  // "MARKET"
    private const ulong EventKeyMask = 0xFFFFFFFFFFFF;    // the 6 bytes {"e":"
    private const uint KeyFrame = 0x3A220022;             // "?":  with the key letter masked out
    private const uint KeyFrameMask = 0xFFFF00FF;
    private const uint TrueText = 0x65757274;             // true
    private const uint FalsText = 0x736C6166;             // fals
    private const uint DotDigit = unchecked((uint)('.' - '0'));   // what a digit loop's d holds when it stopped on '.'
    private const uint QuoteDigit = unchecked((uint)('"' - '0'));

    private const int HasIgnored = 1 << 12; // "M" (spot's best-match flag) or "b" (spot's buyer order id): read, unused
    private const int CommonFields = TradeFields.HasEventTime | TradeFields.HasTradeTime | TradeFields.HasMaker
        | TradeFields.HasSymbol | TradeFields.HasPrice | TradeFields.HasQuantity;

    private const int AggregateFields = CommonFields | TradeFields.HasAggId | TradeFields.HasFirst | TradeFields.HasLast;
    private const int TradeOnlyFields = CommonFields | TradeFields.HasTradeId;

    /// <summary>False when the frame is outside the fast path's subset; <paramref name="result"/> is then meaningless.</summary>
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
            int nameLength = s[11..].IndexOfAny((byte)'"', (byte)'\\');
            pos = 11 + nameLength;
            if (nameLength < 0 || n - pos < 10 + 16 || Read64(ref b, pos) != DataKey || Read16(ref b, pos + 8) != DataColon)
            {
                return false;
            }

            pos += 9;
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

        if (At(ref b, end) != (byte)'}' || At(ref b, n - 1) != (byte)'}')
        {
            return false;
        }

        int seen = 0;
        long eventTime = 0, tradeTime = 0, aggId = 0, tradeId = 0, first = 0, last = 0, price = 0, quantity = 0;
        bool buyerIsMaker = false;
        SymbolId symbol = SymbolId.None;
        while (true)
        {
            if (end - pos < 5)
            {
                return false;
            }

            uint key = Read32(ref b, pos);
            if ((key & KeyFrameMask) != KeyFrame)
            {
                return false;
            }

            pos += 4;
            int bit;
            bool ok;
            switch ((byte)(key >> 8))
            {
                case (byte)'E':
                    bit = TradeFields.HasEventTime;
                    ok = TryReadId(ref b, ref pos, out eventTime);
                    break;
                case (byte)'T':
                    bit = TradeFields.HasTradeTime;
                    ok = TryReadId(ref b, ref pos, out tradeTime);
                    break;
                case (byte)'a':
                    bit = TradeFields.HasAggId;
                    ok = TryReadId(ref b, ref pos, out aggId);
                    break;
                case (byte)'t':
                    bit = TradeFields.HasTradeId;
                    ok = TryReadId(ref b, ref pos, out tradeId);
                    break;
                case (byte)'f':
                    bit = TradeFields.HasFirst;
                    ok = TryReadId(ref b, ref pos, out first);
                    break;
                case (byte)'l':
                    bit = TradeFields.HasLast;
                    ok = TryReadId(ref b, ref pos, out last);
                    break;
                case (byte)'p':
                    bit = TradeFields.HasPrice;
                    ok = TryReadDecimal(ref b, ref pos, out price);
                    break;
                case (byte)'q':
                    bit = TradeFields.HasQuantity;
                    ok = TryReadDecimal(ref b, ref pos, out quantity);
                    break;
                case (byte)'s':
                    bit = TradeFields.HasSymbol;
                    ok = TryReadSymbol(s, ref pos, out symbol);
                    break;
                case (byte)'m':
                    bit = TradeFields.HasMaker;
                    ok = TryReadBool(ref b, end, ref pos, out buyerIsMaker);
                    break;
                case (byte)'X':
                    bit = TradeFields.HasType;
                    ok = end - pos >= 8 && Read64(ref b, pos) == MarketText;
                    pos += 8;
                    break;
                case (byte)'M':
                    bit = HasIgnored;
                    ok = TryReadBool(ref b, end, ref pos, out _);
                    break;
                case (byte)'b':
                    bit = HasIgnored;
                    ok = TryReadId(ref b, ref pos, out _);
                    break;
                default:
                    return false;
            }

            if (!ok || (seen & bit) != 0)
            {
                return false;
            }

            seen |= bit;
            byte c = At(ref b, pos++);
            if (c == (byte)',')
            {
                continue;
            }

            if (c == (byte)'}' && pos - 1 == end)
            {
                break;
            }

            return false;
        }

        int required = aggregate ? AggregateFields : TradeOnlyFields;
        if ((seen & required) != required)
        {
            return false;
        }

        if (symbol == SymbolId.None)
        {
            result = FrameParseResult.UnknownSymbol; // everything else is valid: the general path says the same
            return true;
        }

        slot.Kind = EventKind.Trade;
        ref Trade t = ref slot.Trade;
        t.Symbol = symbol;
        t.IsAggregate = aggregate;
        t.Id = aggregate ? aggId : tradeId;
        t.FirstTradeId = aggregate ? first : tradeId;
        t.LastTradeId = aggregate ? last : tradeId;
        t.Price = new Price(price);
        t.Quantity = new Quantity(quantity);
        t.TradeTimeMs = tradeTime;
        t.EventTimeMs = eventTime;
        t.BuyerIsMaker = buyerIsMaker;
        t.Type = TradeType.Market;
        return true;
    }

    // The object at pos opens with {"e":" but names neither aggTrade nor trade: the general path stops as soon as it
    // has read that name, so when the name is a plain string the answer is known here.
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
        return !name.SequenceEqual("aggTrade"u8) && !name.SequenceEqual("trade"u8);
    }

    // An unsigned integer of 1-18 digits. The digit loop needs no bounds check: the frame's closing '}' stops it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadId(ref byte b, ref int pos, out long value)
    {
        int p = pos;
        ulong v = 0;
        uint d = (uint)(At(ref b, p) - '0');
        while (d <= 9)
        {
            v = (v * 10) + d;
            d = (uint)(At(ref b, ++p) - '0');
        }

        value = (long)v;
        int digits = p - pos;
        pos = p;
        return (uint)(digits - 1) < 18;
    }

    // "digits[.digits]" with 1-10 integer and 1-8 fraction digits, not zero, in one pass: the digits accumulate as one
    // integer (at most 18 digits, so no overflow) that is then scaled by the missing decimals.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadDecimal(ref byte b, ref int pos, out long scaled)
    {
        scaled = 0;
        int p = pos;
        if (At(ref b, p) != (byte)'"')
        {
            return false;
        }

        int start = ++p;
        ulong v = 0;
        uint d = (uint)(At(ref b, p) - '0');
        while (d <= 9)
        {
            v = (v * 10) + d;
            d = (uint)(At(ref b, ++p) - '0');
        }

        int intDigits = p - start;
        int fracDigits = 0;
        if (d == DotDigit)
        {
            int fracStart = ++p;
            d = (uint)(At(ref b, p) - '0');
            while (d <= 9)
            {
                v = (v * 10) + d;
                d = (uint)(At(ref b, ++p) - '0');
            }

            fracDigits = p - fracStart;
            if ((uint)(fracDigits - 1) >= FixedPoint.Decimals)
            {
                return false;
            }
        }

        if (d != QuoteDigit || (uint)(intDigits - 1) >= 10 || v == 0)
        {
            return false;
        }

        scaled = (long)(v * Pow10(FixedPoint.Decimals - fracDigits));
        pos = p + 1;
        return true;
    }

    // A quoted symbol of 1-15 bytes with no backslash before its closing quote, found with one 16-byte compare.
    // An unregistered symbol is still a success, with SymbolId.None.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReadSymbol(ReadOnlySpan<byte> s, ref int pos, out SymbolId symbol)
    {
        symbol = SymbolId.None;
        int start = pos + 1;
        ref byte b = ref MemoryMarshal.GetReference(s);
        if (s.Length - start < 16 || At(ref b, pos) != (byte)'"')
        {
            return false;
        }

        Vector128<byte> text = Vector128.LoadUnsafe(ref b, (nuint)start);
        uint stops = (Vector128.Equals(text, Vector128.Create((byte)'"')) | Vector128.Equals(text, Vector128.Create((byte)'\\'))).ExtractMostSignificantBits();
        int length = BitOperations.TrailingZeroCount(stops); // 32 when neither is in the 16 bytes
        if (length is 0 or > SymbolCache.MaxLength || At(ref b, start + length) != (byte)'"')
        {
            return false;
        }

        ulong low = Read64(ref b, start);
        ulong high = Read64(ref b, start + 8);
        low = length >= 8 ? low : low & ((1UL << (length * 8)) - 1);
        high = length > 8 ? high & ((1UL << ((length - 8) * 8)) - 1) : 0;
        if (!_symbolCache.TryGet(low, high, s.Slice(start, length), out symbol))
        {
            symbol = SymbolId.None;
        }

        pos = start + length + 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadBool(ref byte b, int end, ref int pos, out bool value)
    {
        uint word = end - pos >= 4 ? Read32(ref b, pos) : 0;
        value = word == TrueText;
        if (value)
        {
            pos += 4;
            return true;
        }

        if (word == FalsText && At(ref b, pos + 4) == (byte)'e')
        {
            pos += 5;
            return true;
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pow10(int exponent) => Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Powers), exponent);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ref byte b, int offset) => Unsafe.Add(ref b, offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Read64(ref byte b, int offset) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Read32(ref byte b, int offset) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref b, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Read16(ref byte b, int offset) => Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref b, offset));

    private static readonly ulong[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];
}
