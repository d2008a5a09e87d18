using System.Buffers;
using System.Text.Json;
using Engine.Sim.Trading;

namespace Engine.Sim.User.WsApi;

/// <summary>
/// Binance's WS API response envelope: <c>{"id":…,"status":200,"result":…,"rateLimits":[…]}</c>, or with
/// <c>"error":{"code":…,"msg":…}</c> in place of the result and the HTTP status the same error has on REST.
/// <c>rateLimits</c> lists the ORDERS counters first (shortest window first), then REQUEST_WEIGHT, as Binance's
/// recorded order.place answer does.
/// </summary>
internal static class WsApiEnvelope
{
    public static byte[] Result(string idJson, byte[] resultJson, IReadOnlyList<(RateLimitRule Rule, long Count)>? rateLimits) =>
        Write(idJson, 200, w =>
        {
            w.WritePropertyName("result");
            w.WriteRawValue(resultJson, skipInputValidation: true);
        }, rateLimits);

    public static byte[] Error(string idJson, SimError error, IReadOnlyList<(RateLimitRule Rule, long Count)>? rateLimits) =>
        Write(idJson, error.HttpStatus, w =>
        {
            w.WriteStartObject("error");
            w.WriteNumber("code", error.Code);
            w.WriteString("msg", error.Message);
            w.WriteEndObject();
        }, rateLimits);

    private static byte[] Write(string idJson, int status, Action<Utf8JsonWriter> body, IReadOnlyList<(RateLimitRule Rule, long Count)>? rateLimits)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WritePropertyName("id");
            w.WriteRawValue(idJson, skipInputValidation: true);
            w.WriteNumber("status", status);
            body(w);
            if (rateLimits is not null)
            {
                w.WriteStartArray("rateLimits");
                foreach (var (rule, count) in rateLimits.OrderBy(r => r.Rule.IsWeight).ThenBy(r => r.Rule.WindowMs))
                {
                    w.WriteStartObject();
                    w.WriteString("rateLimitType", rule.Type);
                    w.WriteString("interval", rule.Interval);
                    w.WriteNumber("intervalNum", rule.IntervalNum);
                    w.WriteNumber("limit", rule.Limit);
                    w.WriteNumber("count", count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
