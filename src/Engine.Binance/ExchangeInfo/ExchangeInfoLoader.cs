using System.IO.Compression;
using System.Text.Json;
using Engine.Model;

namespace Engine.Binance.ExchangeInfo;

/// <summary>
/// Reads a Binance <c>exchangeInfo</c> answer (USD-M futures; spot answers work for the filters they share) into
/// <see cref="SymbolFilters"/>. Cold code, run at start-up. Numbers may come as JSON strings or numbers; every value
/// goes straight from its decimal text to fixed point. MIN_NOTIONAL is read from <c>notional</c> (futures) or
/// <c>minNotional</c> (spot); a missing MARKET_LOT_SIZE falls back to LOT_SIZE. A symbol that cannot be read is
/// skipped and named in <see cref="ExchangeInfoDocument.Problems"/>; the others are kept.
/// </summary>
public static class ExchangeInfoLoader
{
    /// <summary>Reads a file, gunzipping it when its name ends in <c>.gz</c>.</summary>
    public static ExchangeInfoDocument LoadFile(string path)
    {
        using FileStream file = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            return Load(gzip);
        }

        return Load(file);
    }

    public static ExchangeInfoDocument Load(Stream json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    public static ExchangeInfoDocument Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Read(document.RootElement);
    }

    internal static ExchangeInfoDocument Read(JsonElement root)
    {
        var symbols = new Dictionary<string, ExchangeInfoSymbol>(StringComparer.Ordinal);
        var problems = new List<string>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("symbols", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add("no \"symbols\" array: not an exchangeInfo answer");
            return new ExchangeInfoDocument(symbols, problems);
        }

        int index = 0;
        foreach (JsonElement entry in list.EnumerateArray())
        {
            string name = Text(entry, "symbol");
            if (name.Length == 0)
            {
                problems.Add($"symbols[{index}]: no symbol name");
            }
            else if (symbols.ContainsKey(name))
            {
                problems.Add($"{name}: listed twice, the first entry is kept");
            }
            else if (TryReadFilters(entry, out SymbolFilters filters, out string? problem))
            {
                symbols.Add(name, new ExchangeInfoSymbol(name, Text(entry, "status"), Text(entry, "contractType"), filters));
            }
            else
            {
                problems.Add($"{name}: {problem}");
            }

            index++;
        }

        return new ExchangeInfoDocument(symbols, problems, ReadRateLimits(root, problems));
    }

    /// <summary><c>rateLimits</c>: entries without a type, a known interval or a positive limit are named in the problems.</summary>
    private static List<ExchangeRateLimit> ReadRateLimits(JsonElement root, List<string> problems)
    {
        var limits = new List<ExchangeRateLimit>();
        if (!root.TryGetProperty("rateLimits", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return limits;
        }

        int index = 0;
        foreach (JsonElement entry in list.EnumerateArray())
        {
            var limit = new ExchangeRateLimit(Text(entry, "rateLimitType"), Text(entry, "interval"), Int(entry, "intervalNum"), Int(entry, "limit"));
            if (limit.Type.Length > 0 && limit.Limit > 0 && limit.Window > TimeSpan.Zero)
            {
                limits.Add(limit);
            }
            else
            {
                problems.Add($"rateLimits[{index}]: needs a rateLimitType, an interval of SECOND, MINUTE, HOUR or DAY, an intervalNum and a limit above 0");
            }

            index++;
        }

        return limits;
    }

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : 0;

    private static bool TryReadFilters(JsonElement symbol, out SymbolFilters filters, out string? problem)
    {
        filters = default;
        problem = null;
        if (!symbol.TryGetProperty("filters", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            problem = "no filters array";
            return false;
        }

        JsonElement? price = null, lot = null, marketLot = null, notional = null, percent = null;
        foreach (JsonElement filter in list.EnumerateArray())
        {
            switch (Text(filter, "filterType"))
            {
                case "PRICE_FILTER": price = filter; break;
                case "LOT_SIZE": lot = filter; break;
                case "MARKET_LOT_SIZE": marketLot = filter; break;
                case "MIN_NOTIONAL": notional ??= filter; break;
                case "NOTIONAL": notional ??= filter; break; // spot's newer name
                case "PERCENT_PRICE": percent = filter; break;
                default: break; // MAX_NUM_ORDERS and others the risk gate does not use
            }
        }

        if (price is null || lot is null)
        {
            problem = price is null ? "no PRICE_FILTER" : "no LOT_SIZE";
            return false;
        }

        var reader = new FilterReader();
        Price tick = new(reader.Required(price.Value, "tickSize"));
        Price minPrice = new(reader.Optional(price.Value, "minPrice"));
        Price maxPrice = new(reader.Optional(price.Value, "maxPrice"));
        Quantity step = new(reader.Required(lot.Value, "stepSize"));
        Quantity minQty = new(reader.Optional(lot.Value, "minQty"));
        Quantity maxQty = new(reader.Optional(lot.Value, "maxQty"));
        JsonElement market = marketLot ?? lot.Value;
        Quantity marketStep = new(reader.Required(market, "stepSize"));
        Quantity marketMin = new(reader.Optional(market, "minQty"));
        Quantity marketMax = new(reader.Optional(market, "maxQty"));
        long minNotional = 0;
        if (notional is JsonElement n)
        {
            minNotional = n.TryGetProperty("notional", out _) ? reader.Optional(n, "notional") : reader.Optional(n, "minNotional");
        }

        long up = percent is JsonElement p ? reader.Optional(p, "multiplierUp") : 0;
        long down = percent is JsonElement q ? reader.Optional(q, "multiplierDown") : 0;
        if (reader.Problem is not null)
        {
            problem = reader.Problem;
            return false;
        }

        filters = new SymbolFilters
        {
            TickSize = tick,
            MinPrice = minPrice,
            MaxPrice = maxPrice,
            StepSize = step,
            MinQty = minQty,
            MaxQty = maxQty,
            MarketStepSize = marketStep,
            MarketMinQty = marketMin,
            MarketMaxQty = marketMax,
            MinNotional = new Money(minNotional),
            MultiplierUpE8 = up,
            MultiplierDownE8 = down,
        };
        if (!filters.IsValid)
        {
            problem = "a zero tickSize or stepSize";
            return false;
        }

        return true;
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? string.Empty
            : string.Empty;

    /// <summary>Reads decimal fields into 10^-8 integers, remembering the first one that failed.</summary>
    private sealed class FilterReader
    {
        public string? Problem { get; private set; }

        public long Required(JsonElement filter, string name)
        {
            if (!filter.TryGetProperty(name, out JsonElement value))
            {
                Problem ??= $"{Text(filter, "filterType")} has no {name}";
                return 0;
            }

            return Decimal(filter, name, value);
        }

        public long Optional(JsonElement filter, string name) =>
            filter.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? Decimal(filter, name, value) : 0;

        private long Decimal(JsonElement filter, string name, JsonElement value)
        {
            string text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? string.Empty,
                JsonValueKind.Number => value.GetRawText(),
                _ => string.Empty,
            };
            if (FixedPoint.TryParse(text.AsSpan(), out long e8) && e8 >= 0)
            {
                return e8;
            }

            Problem ??= $"{Text(filter, "filterType")}.{name} = '{text}' is not a non-negative decimal with at most 8 places";
            return 0;
        }
    }
}
