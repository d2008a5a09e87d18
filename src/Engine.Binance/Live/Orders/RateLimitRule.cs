using System.Text.Json;

namespace Engine.Binance.Live.Orders;

/// <summary>One rule of exchangeInfo's <c>rateLimits</c>: REQUEST_WEIGHT (per IP) or ORDERS (per account) per window.</summary>
public readonly record struct RateLimitRule(bool Orders, long WindowMs, int Limit)
{
    /// <summary>Binance USD-M's recorded rules (exchangeInfo 2021-07-21): 2400 weight/min, 1200 orders/min, 300 orders/10 s.</summary>
    public static IReadOnlyList<RateLimitRule> BinanceDefaults { get; } =
    [
        new(false, 60_000, 2400),
        new(true, 60_000, 1200),
        new(true, 10_000, 300),
    ];

    /// <summary>The <c>rateLimits</c> array of an exchangeInfo document; the defaults when it has none.</summary>
    public static IReadOnlyList<RateLimitRule> FromExchangeInfo(ReadOnlySpan<byte> json)
    {
        var rules = new List<RateLimitRule>();
        using (JsonDocument doc = JsonDocument.Parse(json.ToArray()))
        {
            if (doc.RootElement.TryGetProperty("rateLimits", out JsonElement limits) && limits.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement l in limits.EnumerateArray())
                {
                    string? type = l.TryGetProperty("rateLimitType", out JsonElement t) ? t.GetString() : null;
                    string? interval = l.TryGetProperty("interval", out JsonElement i) ? i.GetString() : null;
                    int num = l.TryGetProperty("intervalNum", out JsonElement n) ? n.GetInt32() : 1;
                    int limit = l.TryGetProperty("limit", out JsonElement lim) ? lim.GetInt32() : 0;
                    long unit = interval switch { "SECOND" => 1000, "MINUTE" => 60_000, "HOUR" => 3_600_000, "DAY" => 86_400_000, _ => 0 };
                    if (type is "REQUEST_WEIGHT" or "ORDERS" && unit > 0 && limit > 0)
                    {
                        rules.Add(new RateLimitRule(type == "ORDERS", unit * num, limit));
                    }
                }
            }
        }

        return rules.Count == 0 ? BinanceDefaults : rules;
    }
}
