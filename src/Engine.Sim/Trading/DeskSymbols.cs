using System.Globalization;
using System.Text.Json;
using Engine.Binance.ExchangeInfo;
using Engine.Model;
using Engine.Oms;
using Engine.Sim.Tape;

namespace Engine.Sim.Trading;

/// <summary>A symbol the desk trades: its filters, the precisions Binance pads prices and quantities to, its last price.</summary>
internal sealed class DeskSymbol(SymbolId id, string name, VenueFilters filters, int pricePrecision, int quantityPrecision, bool fromExchangeInfo)
{
    public SymbolId Id { get; } = id;

    public string Name { get; } = name;

    public VenueFilters Filters { get; } = filters;

    public int PricePrecision { get; } = pricePrecision;

    public int QuantityPrecision { get; } = quantityPrecision;

    /// <summary>True when the filters came from the sim's exchangeInfo; false for the documented default.</summary>
    public bool FromExchangeInfo { get; } = fromExchangeInfo;

    /// <summary>Last trade price (zero before the first); the desk's mark price too (see docs).</summary>
    public Price Last { get; set; }

    public string Price(Price p) => DeskFormat.Fixed(p.E8, PricePrecision);

    public string Quantity(Quantity q) => DeskFormat.Fixed(q.E8, QuantityPrecision);
}

/// <summary>
/// The desk's symbols: every symbol of the tape, with its filters and precisions from the sim's exchangeInfo, or,
/// for a symbol it does not list (or no exchangeInfo at all), a default scaled to the tape's first price p of that
/// symbol: tick 10^(⌊log10 p⌋−5) (BTC at 43,000: 0.1), step min(1, 10^(1−⌊log10 p⌋)) (BTC: 0.001), minQty one
/// step, no maxQty, MIN_NOTIONAL 5, PERCENT_PRICE 1.05/0.95, precisions the tick's and step's decimals.
/// </summary>
internal static class DeskSymbols
{
    public static DeskSymbol[] Build(SimTape tape, string exchangeInfoJson)
    {
        var infos = new Dictionary<string, (SymbolFilters Filters, int Price, int Quantity)>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(exchangeInfoJson))
        {
            ExchangeInfoDocument doc = ExchangeInfoLoader.Parse(exchangeInfoJson);
            var precisions = Precisions(exchangeInfoJson);
            foreach (var (name, symbol) in doc.Symbols)
            {
                var (p, q) = precisions.TryGetValue(name, out var pq) ? pq : (Decimals(symbol.Filters.TickSize.E8), Decimals(symbol.Filters.StepSize.E8));
                infos[name] = (symbol.Filters, p, q);
            }
        }

        var first = new Dictionary<int, Price>();
        foreach (ref readonly Trade t in tape.Trades)
        {
            first.TryAdd(t.Symbol.Value, t.Price);
        }

        var symbols = new DeskSymbol[tape.Symbols.Count];
        for (int i = 0; i < symbols.Length; i++)
        {
            var id = new SymbolId(i);
            string name = tape.Symbols.NameOf(id);
            if (infos.TryGetValue(name, out var info))
            {
                SymbolFilters f = info.Filters;
                var filters = new VenueFilters(f.TickSize, f.StepSize, f.MinQty, f.MinNotional)
                {
                    MaxQuantity = f.MaxQty,
                    MarketMaxQuantity = f.MarketMaxQty,
                    MultiplierUpE8 = f.MultiplierUpE8,
                    MultiplierDownE8 = f.MultiplierDownE8,
                };
                symbols[i] = new DeskSymbol(id, name, filters, info.Price, info.Quantity, true);
            }
            else
            {
                symbols[i] = Default(id, name, first.TryGetValue(i, out Price p) ? p : new Price(100 * FixedPoint.Scale));
            }
        }

        return symbols;
    }

    public static DeskSymbol Default(SymbolId id, string name, Price firstPrice)
    {
        int magnitude = (int)Math.Floor(Math.Log10(Math.Max(firstPrice.ToDouble(), 1e-8)));
        long tick = Pow10E8(magnitude - 5);
        long step = Math.Min(FixedPoint.Scale, Pow10E8(1 - magnitude));
        var filters = new VenueFilters(new Price(tick), new Quantity(step), new Quantity(step), new Money(5 * FixedPoint.Scale))
        {
            MultiplierUpE8 = 105_000_000,
            MultiplierDownE8 = 95_000_000,
        };
        return new DeskSymbol(id, name, filters, Decimals(tick), Decimals(step), false);
    }

    /// <summary>10^exponent in 10^-8 units, clamped to [10^-8, 10^8].</summary>
    private static long Pow10E8(int exponent)
    {
        exponent = Math.Clamp(exponent, -8, 8);
        long v = 1;
        for (int i = 0; i < exponent + 8; i++)
        {
            v *= 10;
        }

        return v;
    }

    /// <summary>Decimals of a 10^-8 step: 10_000_000 (0.1) → 1.</summary>
    public static int Decimals(long e8)
    {
        int decimals = FixedPoint.Decimals;
        while (decimals > 0 && e8 % 10 == 0 && e8 != 0)
        {
            e8 /= 10;
            decimals--;
        }

        return e8 == 0 ? 0 : decimals;
    }

    private static Dictionary<string, (int, int)> Precisions(string json)
    {
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        using JsonDocument doc = JsonDocument.Parse(json);
        if (!doc.RootElement.TryGetProperty("symbols", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return result;
        }

        foreach (JsonElement s in list.EnumerateArray())
        {
            if (s.TryGetProperty("symbol", out JsonElement n) && s.TryGetProperty("pricePrecision", out JsonElement p) && s.TryGetProperty("quantityPrecision", out JsonElement q)
                && p.TryGetInt32(out int pp) && q.TryGetInt32(out int qp))
            {
                result[n.GetString() ?? ""] = (pp, qp);
            }
        }

        return result;
    }
}

/// <summary>Binance's decimal text: fixed decimals, padded (<c>43187.00</c>).</summary>
internal static class DeskFormat
{
    public static string Fixed(long e8, int decimals) => ((decimal)e8 / FixedPoint.Scale).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Fixed(decimal value, int decimals) => decimal.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
