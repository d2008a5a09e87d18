using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Binance.Json;

/// <summary>
/// Zero-allocation parser of Binance <c>aggTrade</c>, <c>trade</c> and <c>markPriceUpdate</c> frames, raw or in the
/// combined-stream envelope <c>{"stream":..,"data":{..}}</c>, from UTF-8 bytes straight into a ring slot.
/// Contract: fields in any order, unknown fields skipped, other event types skipped as soon as <c>e</c> is read;
/// on any result other than <see cref="FrameParseResult.Trade"/> and <see cref="FrameParseResult.MarkPrice"/> the slot
/// is left untouched; nothing throws. Mark prices (one a second per symbol) always take the general path.
/// Binance's own byte layout takes a fast path (TradeFrameParser.FastPath.cs) that gives exactly what the general
/// key-by-key path below gives; anything else falls back to the general path.
/// One instance per thread (it owns its <see cref="Stats"/> and a symbol cache).
/// </summary>
public sealed partial class TradeFrameParser
{
    private readonly SymbolRegistry _symbols;
    private readonly SymbolCache _symbolCache;

    public TradeFrameParser(SymbolRegistry symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        _symbols = symbols;
        _symbolCache = new SymbolCache();
    }

    public ParserStats Stats { get; } = new();

    /// <summary>
    /// Parses one frame; on success sets <c>slot.Kind = Trade</c> and fills <c>slot.Trade</c> (result Trade), or sets
    /// <c>slot.Kind = MarkPrice</c> and fills <c>slot.Mark</c> (result MarkPrice).
    /// </summary>
    public FrameParseResult TryParse(ReadOnlySpan<byte> utf8, ref EngineEvent slot)
    {
        if (!TryParseFast(utf8, ref slot, out FrameParseResult result))
        {
            result = ParseGeneral(utf8, ref slot);
        }

        Stats.Record(result);
        return result;
    }

    /// <summary>The general path alone: any JSON layout. Tests hold the fast path to it.</summary>
    internal FrameParseResult ParseGeneral(ReadOnlySpan<byte> s, ref EngineEvent slot)
    {
        int pos = 0;
        JsonScan.SkipWhitespace(s, ref pos);
        if (pos == s.Length)
        {
            return FrameParseResult.Empty;
        }

        if (s[pos] != (byte)'{')
        {
            return FrameParseResult.InvalidJson;
        }

        var fields = default(TradeFields);
        FrameParseResult result = ParseObject(s, ref pos, ref fields, allowEnvelope: true);
        if (result != FrameParseResult.Trade)
        {
            return result;
        }

        JsonScan.SkipWhitespace(s, ref pos);
        if (pos != s.Length)
        {
            return FrameParseResult.InvalidJson;
        }

        return fields.TryWrite(_symbols, ref slot);
    }

    // pos stands on '{'. Returns Trade when the object was read to its '}' (fields may still be incomplete).
    private static FrameParseResult ParseObject(ReadOnlySpan<byte> s, scoped ref int pos, ref TradeFields f, bool allowEnvelope)
    {
        pos++;
        JsonScan.SkipWhitespace(s, ref pos);
        if (pos < s.Length && s[pos] == (byte)'}')
        {
            pos++;
            return FrameParseResult.Trade;
        }

        while (true)
        {
            if (pos >= s.Length)
            {
                return FrameParseResult.Truncated;
            }

            if (s[pos] != (byte)'"')
            {
                return FrameParseResult.InvalidJson;
            }

            FrameParseResult r = JsonScan.ReadString(s, ref pos, out ReadOnlySpan<byte> key, out bool keyEscaped);
            if (r != FrameParseResult.Trade)
            {
                return r;
            }

            JsonScan.SkipWhitespace(s, ref pos);
            if (pos >= s.Length)
            {
                return FrameParseResult.Truncated;
            }

            if (s[pos] != (byte)':')
            {
                return FrameParseResult.InvalidJson;
            }

            pos++;
            JsonScan.SkipWhitespace(s, ref pos);
            if (pos >= s.Length)
            {
                return FrameParseResult.Truncated;
            }

            // An escaped key is never one of ours: it is skipped like any unknown field.
            r = keyEscaped ? JsonScan.SkipValue(s, ref pos) : ReadMember(s, ref pos, key, ref f, allowEnvelope);
            if (r != FrameParseResult.Trade)
            {
                return r;
            }

            JsonScan.SkipWhitespace(s, ref pos);
            if (pos >= s.Length)
            {
                return FrameParseResult.Truncated;
            }

            byte c = s[pos++];
            if (c == (byte)'}')
            {
                return FrameParseResult.Trade;
            }

            if (c != (byte)',')
            {
                return FrameParseResult.InvalidJson;
            }

            JsonScan.SkipWhitespace(s, ref pos);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FrameParseResult ReadMember(ReadOnlySpan<byte> s, scoped ref int pos, scoped ReadOnlySpan<byte> key, ref TradeFields f, bool allowEnvelope)
    {
        if (key.Length == 1)
        {
            switch (key[0])
            {
                case (byte)'e':
                    FrameParseResult r = ReadText(s, ref pos, out f.EventType);
                    if (r != FrameParseResult.Trade)
                    {
                        return r;
                    }

                    f.Seen |= TradeFields.HasEventType;
                    if (f.EventType.SequenceEqual("aggTrade"u8))
                    {
                        f.IsAggregate = true;
                        return FrameParseResult.Trade;
                    }

                    f.IsAggregate = false;
                    if (f.EventType.SequenceEqual("trade"u8))
                    {
                        return FrameParseResult.Trade;
                    }

                    f.IsMark = f.EventType.SequenceEqual("markPriceUpdate"u8);
                    return f.IsMark ? FrameParseResult.Trade : FrameParseResult.SkippedUnknownEvent;
                case (byte)'E':
                    f.Seen |= TradeFields.HasEventTime;
                    return Defer(s, ref pos, ref f, JsonScan.ReadLong(s, ref pos, out f.EventTimeMs));
                case (byte)'T':
                    f.Seen |= TradeFields.HasTradeTime;
                    return Defer(s, ref pos, ref f, JsonScan.ReadLong(s, ref pos, out f.TradeTimeMs));
                case (byte)'a':
                    // aggTrade: aggregate id; spot trade: seller order id (read, then ignored in TryWrite)
                    f.Seen |= TradeFields.HasAggId;
                    return Defer(s, ref pos, ref f, JsonScan.ReadLong(s, ref pos, out f.AggId));
                case (byte)'t':
                    f.Seen |= TradeFields.HasTradeId;
                    return Defer(s, ref pos, ref f, JsonScan.ReadLong(s, ref pos, out f.TradeId));
                case (byte)'f':
                    f.Seen |= TradeFields.HasFirst;
                    return Defer(s, ref pos, ref f, JsonScan.ReadLong(s, ref pos, out f.FirstTradeId));
                case (byte)'l':
                    f.Seen |= TradeFields.HasLast;
                    return Defer(s, ref pos, ref f, JsonScan.ReadLong(s, ref pos, out f.LastTradeId));
                case (byte)'m':
                    f.Seen |= TradeFields.HasMaker;
                    return Defer(s, ref pos, ref f, JsonScan.ReadBool(s, ref pos, out f.BuyerIsMaker));
                case (byte)'s':
                    f.Seen |= TradeFields.HasSymbol;
                    return Defer(s, ref pos, ref f, ReadText(s, ref pos, out f.Symbol));
                case (byte)'p':
                    f.Seen |= TradeFields.HasPrice;
                    return Defer(s, ref pos, ref f, JsonScan.ReadDecimalToken(s, ref pos, out f.Price));
                case (byte)'q':
                    f.Seen |= TradeFields.HasQuantity;
                    return Defer(s, ref pos, ref f, JsonScan.ReadDecimalToken(s, ref pos, out f.Quantity));
                case (byte)'X':
                    f.Seen |= TradeFields.HasType;
                    return Defer(s, ref pos, ref f, ReadText(s, ref pos, out f.TradeType));
                default:
                    return JsonScan.SkipValue(s, ref pos);
            }
        }

        if (allowEnvelope && s[pos] == (byte)'{' && key.SequenceEqual("data"u8))
        {
            return ParseObject(s, ref pos, ref f, allowEnvelope: false);
        }

        return JsonScan.SkipValue(s, ref pos);
    }

    // A field's value may be wrong for a trade yet right for the event it belongs to (bookTicker's "a" is a price
    // string, depthUpdate's an array, and spot bookTicker has no "e"): the fault is remembered, the value skipped,
    // and it is reported only if the frame turns out to be a trade.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FrameParseResult Defer(ReadOnlySpan<byte> s, scoped ref int pos, ref TradeFields f, FrameParseResult read)
    {
        if (read is FrameParseResult.Trade or FrameParseResult.Truncated)
        {
            return read;
        }

        return DeferSlow(s, ref pos, ref f, read);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FrameParseResult DeferSlow(ReadOnlySpan<byte> s, scoped ref int pos, ref TradeFields f, FrameParseResult read)
    {
        if (f.Deferred == FrameParseResult.Trade)
        {
            f.Deferred = read;
        }

        return read == FrameParseResult.EscapedString ? FrameParseResult.Trade : JsonScan.SkipValue(s, ref pos);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FrameParseResult ReadText(ReadOnlySpan<byte> s, scoped ref int pos, out ReadOnlySpan<byte> text)
    {
        if (s[pos] != (byte)'"')
        {
            text = default;
            return FrameParseResult.BadFieldType;
        }

        FrameParseResult r = JsonScan.ReadString(s, ref pos, out text, out bool escaped);
        return r == FrameParseResult.Trade && escaped ? FrameParseResult.EscapedString : r;
    }
}

