using System.Globalization;
using System.Text.Json;

namespace Engine.Tests.Binance.Json;

/// <summary>What a trade frame says, decoded independently of the engine's parser (System.Text.Json + decimal).</summary>
public sealed record ExpectedTrade(
    string Symbol, bool IsAggregate, long Id, long FirstTradeId, long LastTradeId, decimal Price, decimal Quantity,
    long TradeTimeMs, long EventTimeMs, bool BuyerIsMaker, string? TradeType);

public static class IndependentTradeDecoder
{
    /// <summary>The trade in a raw or combined-stream frame, or null when the frame holds no trade/aggTrade (or no valid JSON).</summary>
    public static ExpectedTrade? Decode(ReadOnlyMemory<byte> frame)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(frame);
        }
        catch (JsonException)
        {
            return null;
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            JsonElement data = root.TryGetProperty("data", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
            if (!data.TryGetProperty("e", out JsonElement e))
            {
                return null;
            }

            string? type = e.GetString();
            if (type is not ("trade" or "aggTrade"))
            {
                return null;
            }

            bool aggregate = type == "aggTrade";
            long id = data.GetProperty(aggregate ? "a" : "t").GetInt64();
            return new ExpectedTrade(
                data.GetProperty("s").GetString()!,
                aggregate,
                id,
                aggregate ? data.GetProperty("f").GetInt64() : id,
                aggregate ? data.GetProperty("l").GetInt64() : id,
                decimal.Parse(data.GetProperty("p").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                decimal.Parse(data.GetProperty("q").GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                data.GetProperty("T").GetInt64(),
                data.GetProperty("E").GetInt64(),
                data.GetProperty("m").GetBoolean(),
                data.TryGetProperty("X", out JsonElement x) ? x.GetString() : null);
        }
    }
}
