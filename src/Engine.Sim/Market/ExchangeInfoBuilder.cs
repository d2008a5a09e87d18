using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Engine.Model;
using Engine.Sim.Tape;

namespace Engine.Sim.Market;

/// <summary>
/// Builds the exchangeInfo the sim serves: Binance's recorded USD-M <c>GET /fapi/v1/exchangeInfo</c> answer
/// (2021-07-21, 122 symbols, with its <c>rateLimits</c>; embedded from
/// <c>data/binance/rest/cryptofeed/futures_um_fapi_v1_exchangeInfo_2021-07-21.json.gz</c>), kept whole and in
/// Binance's order. A tape symbol it does not list is added as a copy of its BTCUSDT entry with the symbol's names,
/// and its precisions, tick size and step size taken from the tape (the finest decimals its prices and quantities
/// use), so orders at the tape's own prices pass the filters. A listed symbol keeps its recorded filters.
/// </summary>
internal static class ExchangeInfoBuilder
{
    private const string ResourceName = "Engine.Sim.exchangeInfo.json.gz";

    /// <summary>The document and, per tape symbol (by <see cref="SymbolId"/>), the decimals its frames print.</summary>
    public static (string Json, MarketSymbol[] Symbols) Build(SimTape tape, long serverTimeMs)
    {
        ArgumentNullException.ThrowIfNull(tape);
        JsonObject root = LoadRecorded();
        root["serverTime"] = serverTimeMs;
        var list = (JsonArray)root["symbols"]!;
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (JsonNode? node in list)
        {
            if (node is JsonObject o && o["symbol"]?.GetValue<string>() is string name)
            {
                byName.TryAdd(name, o);
            }
        }

        var (priceDecimals, quantityDecimals) = TapeDecimals(tape);
        var symbols = new MarketSymbol[tape.Symbols.Count];
        for (int i = 0; i < symbols.Length; i++)
        {
            string name = tape.Symbols.NameOf(new SymbolId(i));
            int tapePrice = priceDecimals[i], tapeQuantity = quantityDecimals[i];
            if (byName.TryGetValue(name, out JsonObject? listed))
            {
                int price = Math.Max(tapePrice, listed["pricePrecision"]!.GetValue<int>());
                int quantity = Math.Max(tapeQuantity, listed["quantityPrecision"]!.GetValue<int>());
                symbols[i] = new MarketSymbol(i, name, price, quantity, Added: false);
            }
            else
            {
                list.Add(CopyOfBtc(byName["BTCUSDT"], name, tapePrice, tapeQuantity));
                symbols[i] = new MarketSymbol(i, name, tapePrice, tapeQuantity, Added: true);
            }
        }

        return (root.ToJsonString(), symbols);
    }

    private static JsonObject LoadRecorded()
    {
        using Stream resource = typeof(ExchangeInfoBuilder).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing from Engine.Sim");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return (JsonObject)JsonNode.Parse(reader.ReadToEnd())!;
    }

    /// <summary>The finest decimals each symbol's tape prices and quantities use (at least 0, at most 8).</summary>
    internal static (int[] Price, int[] Quantity) TapeDecimals(SimTape tape)
    {
        int[] price = new int[tape.Symbols.Count];
        int[] quantity = new int[tape.Symbols.Count];
        foreach (ref readonly Trade t in tape.Trades)
        {
            int s = t.Symbol.Value;
            price[s] = Math.Max(price[s], DecimalsOf(t.Price.E8));
            quantity[s] = Math.Max(quantity[s], DecimalsOf(t.Quantity.E8));
        }

        return (price, quantity);
    }

    internal static int DecimalsOf(long e8)
    {
        int decimals = FixedPoint.Decimals;
        long v = Math.Abs(e8);
        while (decimals > 0 && v % 10 == 0)
        {
            v /= 10;
            decimals--;
        }

        return decimals;
    }

    private static JsonObject CopyOfBtc(JsonObject btc, string name, int priceDecimals, int quantityDecimals)
    {
        var copy = (JsonObject)btc.DeepClone();
        string quote = btc["quoteAsset"]!.GetValue<string>();
        copy["symbol"] = name;
        copy["pair"] = name;
        copy["baseAsset"] = name.EndsWith(quote, StringComparison.Ordinal) && name.Length > quote.Length ? name[..^quote.Length] : name;
        copy["pricePrecision"] = priceDecimals;
        copy["quantityPrecision"] = quantityDecimals;
        string tick = Unit(priceDecimals), step = Unit(quantityDecimals);
        foreach (JsonNode? node in (JsonArray)copy["filters"]!)
        {
            if (node is not JsonObject filter)
            {
                continue;
            }

            switch (filter["filterType"]?.GetValue<string>())
            {
                case "PRICE_FILTER":
                    filter["tickSize"] = tick;
                    filter["minPrice"] = tick;
                    break;
                case "LOT_SIZE":
                case "MARKET_LOT_SIZE":
                    filter["stepSize"] = step;
                    filter["minQty"] = step;
                    break;
            }
        }

        return copy;
    }

    /// <summary>10^-decimals as Binance prints a tick: "1", "0.1", "0.00001".</summary>
    internal static string Unit(int decimals) =>
        decimals == 0 ? "1" : string.Create(CultureInfo.InvariantCulture, $"0.{new string('0', decimals - 1)}1");
}

/// <summary>A tape symbol as the market side serves it: its names and the decimals its prices and quantities print with.</summary>
internal sealed record MarketSymbol(int Index, string Name, int PriceDecimals, int QuantityDecimals, bool Added)
{
    /// <summary>Lower-case name, as stream names carry it.</summary>
    public string StreamName { get; } = Name.ToLowerInvariant();
}
