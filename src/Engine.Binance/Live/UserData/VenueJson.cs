using System.Text.Json;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>Reading fields of the venue's REST answers (cold path: <see cref="JsonDocument"/>): text, fixed point, sides.</summary>
internal static class VenueJson
{
    public static JsonElement.ArrayEnumerator Array(JsonDocument doc) =>
        doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray()
            : throw new UserStreamException($"expected a JSON array, got {doc.RootElement.ValueKind}");

    public static string Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    public static long Fixed(JsonElement e, string name) => FixedPoint.TryParse(Text(e, name).AsSpan(), out long e8) ? e8 : 0;

    public static Quantity Qty(JsonElement e, string name) => new(Fixed(e, name));

    public static Side SideOf(string text) => text == "BUY" ? Side.Buy : text == "SELL" ? Side.Sell : default;

    public static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.True;

    /// <summary>Binance's error code of a refusal (<c>{"code":-2013,"msg":…}</c>); 0 when the answer has none.</summary>
    public static int ErrorCode(JsonDocument doc) =>
        doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out JsonElement c) && c.TryGetInt32(out int code) ? code : 0;

    /// <summary>Binance's error message of a refusal, kept short.</summary>
    public static string ErrorText(JsonDocument doc)
    {
        string msg = doc.RootElement.ValueKind == JsonValueKind.Object ? Text(doc.RootElement, "msg") : "";
        return msg.Length <= 160 ? msg : msg[..160];
    }
}
