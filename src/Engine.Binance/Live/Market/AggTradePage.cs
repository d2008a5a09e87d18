using System.Text.Json;
using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// Reads the body of <c>GET /fapi/v1/aggTrades</c>: a JSON array of <c>{"a","p","q","f","l","T","m"}</c> objects
/// (REST carries no <c>E</c>: the event time is set to <c>T</c>). Cold path (backfill), but still no text detour:
/// prices and quantities go from UTF-8 straight to fixed point.
/// </summary>
public static class AggTradePage
{
    /// <summary>Appends the page's trades to <paramref name="into"/>; false (and a reason) when the body is not such an array.</summary>
    public static bool TryRead(ReadOnlySpan<byte> json, SymbolId symbol, List<Trade> into, out string? error)
    {
        ArgumentNullException.ThrowIfNull(into);
        error = null;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                error = "not a JSON array";
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject || !TryReadTrade(ref reader, symbol, out Trade trade, out error))
                {
                    error ??= "an element is not an aggTrade object";
                    return false;
                }

                into.Add(trade);
            }

            return true;
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return false;
        }
    }

    private static bool TryReadTrade(ref Utf8JsonReader reader, SymbolId symbol, out Trade trade, out string? error)
    {
        trade = new Trade { Symbol = symbol, IsAggregate = true, Type = TradeType.Market };
        int seen = 0;
        error = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> key = reader.ValueSpan;
            reader.Read();
            if (key.Length != 1)
            {
                reader.Skip();
                continue;
            }

            switch (key[0])
            {
                case (byte)'a':
                    seen |= reader.TryGetInt64(out trade.Id) ? 1 : 0;
                    break;
                case (byte)'p':
                    seen |= reader.TokenType == JsonTokenType.String && FixedPoint.TryParse(reader.ValueSpan, out long p) && p > 0 ? Set(ref trade.Price, p, 2) : 0;
                    break;
                case (byte)'q':
                    seen |= reader.TokenType == JsonTokenType.String && FixedPoint.TryParse(reader.ValueSpan, out long q) && q > 0 ? SetQ(ref trade.Quantity, q, 4) : 0;
                    break;
                case (byte)'f':
                    seen |= reader.TryGetInt64(out trade.FirstTradeId) ? 8 : 0;
                    break;
                case (byte)'l':
                    seen |= reader.TryGetInt64(out trade.LastTradeId) ? 16 : 0;
                    break;
                case (byte)'T':
                    seen |= reader.TryGetInt64(out trade.TradeTimeMs) ? 32 : 0;
                    break;
                case (byte)'m':
                    seen |= reader.TokenType is JsonTokenType.True or JsonTokenType.False ? 64 : 0;
                    trade.BuyerIsMaker = reader.TokenType == JsonTokenType.True;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        trade.EventTimeMs = trade.TradeTimeMs;
        if (seen != 127)
        {
            error = "an aggTrade lacks one of a, p, q, f, l, T, m (or holds a bad value)";
            return false;
        }

        return true;
    }

    private static int Set(ref Price field, long e8, int bit)
    {
        field = new Price(e8);
        return bit;
    }

    private static int SetQ(ref Quantity field, long e8, int bit)
    {
        field = new Quantity(e8);
        return bit;
    }
}
