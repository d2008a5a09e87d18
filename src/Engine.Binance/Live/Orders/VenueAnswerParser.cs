using System.Buffers.Text;
using System.Text.Json;
using Engine.Model;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Reads Binance's order, conditional-order, error and server-time answers with <see cref="Utf8JsonReader"/> (no
/// <c>JsonDocument</c>, no strings): REST bodies as they are, WS API envelopes (<c>status</c>, <c>result</c>,
/// <c>error</c>, <c>rateLimits</c>) around the same objects. Unknown fields are skipped; a body that is not JSON
/// leaves the answer as the HTTP status made it (counted by the caller).
/// </summary>
public static class VenueAnswerParser
{
    /// <summary>A REST body: the order/algo object, or <c>{"code":…,"msg":…}</c>, or <c>{"serverTime":…}</c>.</summary>
    public static bool TryParseRest(ReadOnlySpan<byte> body, ref VenueAnswer answer)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            ReadObject(ref reader, ref answer);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A WS API response envelope; <paramref name="id"/> receives the echoed numeric id (-1 when not a number).</summary>
    public static bool TryParseWsApi(ReadOnlySpan<byte> frame, ref VenueAnswer answer, out long id)
    {
        id = -1;
        try
        {
            var reader = new Utf8JsonReader(frame);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number)
                    {
                        id = reader.GetInt64();
                    }
                    else if (reader.TokenType == JsonTokenType.String && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out int used) && used == reader.ValueSpan.Length)
                    {
                        id = parsed;
                    }
                }
                else if (reader.ValueTextEquals("status"u8))
                {
                    reader.Read();
                    answer.HttpStatus = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadObject(ref reader, ref answer);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("rateLimits"u8))
                {
                    reader.Read();
                    ReadRateLimits(ref reader, ref answer);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static VenueOrderStatus StatusOf(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("NEW"u8) => VenueOrderStatus.New,
        _ when text.SequenceEqual("PARTIALLY_FILLED"u8) => VenueOrderStatus.PartiallyFilled,
        _ when text.SequenceEqual("FILLED"u8) => VenueOrderStatus.Filled,
        _ when text.SequenceEqual("CANCELED"u8) => VenueOrderStatus.Canceled,
        _ when text.SequenceEqual("EXPIRED"u8) || text.SequenceEqual("EXPIRED_IN_MATCH"u8) => VenueOrderStatus.Expired,
        _ when text.SequenceEqual("REJECTED"u8) => VenueOrderStatus.Rejected,
        _ when text.SequenceEqual("TRIGGERING"u8) => VenueOrderStatus.Triggering,
        _ when text.SequenceEqual("TRIGGERED"u8) => VenueOrderStatus.Triggered,
        _ when text.SequenceEqual("FINISHED"u8) => VenueOrderStatus.Finished,
        _ => VenueOrderStatus.Other,
    };

    // Reads the fields of one object (the reader on its StartObject) up to its EndObject; nested values are skipped.
    private static void ReadObject(ref Utf8JsonReader reader, ref VenueAnswer answer)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                answer.Code = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : answer.Code;
                if (answer.Code == 200)
                {
                    answer.Code = 0; // {"code":200,"msg":"…done"}: Binance's success answer of the cancel-all paths
                }
            }
            else if (reader.ValueTextEquals("orderId"u8))
            {
                reader.Read();
                answer.OrderId = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("algoId"u8))
            {
                reader.Read();
                answer.AlgoId = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("actualOrderId"u8))
            {
                reader.Read();
                answer.ActualOrderId = LongOf(ref reader);
            }
            else if (reader.ValueTextEquals("status"u8) || reader.ValueTextEquals("algoStatus"u8))
            {
                reader.Read();
                answer.Status = StatusOf(reader.ValueSpan);
            }
            else if (reader.ValueTextEquals("executedQty"u8))
            {
                reader.Read();
                answer.ExecutedQtyE8 = FixedPoint.TryParse(reader.ValueSpan, out long e8) ? e8 : 0;
            }
            else if (reader.ValueTextEquals("updateTime"u8))
            {
                reader.Read();
                answer.UpdateTimeMs = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("serverTime"u8))
            {
                reader.Read();
                answer.ServerTimeMs = reader.GetInt64();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static long LongOf(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetInt64()
        : Utf8Parser.TryParse(reader.ValueSpan, out long v, out int used) && used == reader.ValueSpan.Length ? v : 0;

    // [{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":300,"count":1}, …]
    private static void ReadRateLimits(ref Utf8JsonReader reader, ref VenueAnswer answer)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            bool orders = false;
            bool minute = false;
            int num = 0;
            int count = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("rateLimitType"u8))
                {
                    reader.Read();
                    orders = reader.ValueTextEquals("ORDERS"u8);
                }
                else if (reader.ValueTextEquals("interval"u8))
                {
                    reader.Read();
                    minute = reader.ValueTextEquals("MINUTE"u8);
                }
                else if (reader.ValueTextEquals("intervalNum"u8))
                {
                    reader.Read();
                    num = reader.GetInt32();
                }
                else if (reader.ValueTextEquals("count"u8))
                {
                    reader.Read();
                    count = reader.GetInt32();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (!orders && minute && num == 1)
            {
                answer.UsedWeight1m = count;
            }
            else if (orders && minute && num == 1)
            {
                answer.OrderCount1m = count;
            }
            else if (orders && !minute && num == 10)
            {
                answer.OrderCount10s = count;
            }
        }
    }
}
