using Engine.Binance.ExchangeInfo;
using Engine.Cli.Configuration;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Cli.Run;

/// <summary>
/// <c>--symbols A,B</c>: the names, and each one's lane setup with the venue's own filters from exchangeInfo. Volume
/// bars are cut by the Symbol section's BarSize / DollarBars for every symbol (a per-symbol size is not configurable).
/// </summary>
public static class PaperSymbols
{
    /// <summary>The most symbols one run trades: 200 streams fit one market connection.</summary>
    public const int MaxSymbols = 200;

    /// <summary>Upper-cased names in the given order; duplicates, empty names and bad characters are configuration errors.</summary>
    public static IReadOnlyList<string> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        foreach (string part in text.Split(','))
        {
            string name = part.Trim().ToUpperInvariant();
            if (name.Length == 0 || name.Length > SymbolRegistry.MaxSymbolLength || name.Any(c => !char.IsAsciiLetterOrDigit(c)))
            {
                throw new ConfigurationException($"--symbols {text}: '{part.Trim()}' is not a symbol name; give names such as BTCUSDT,ETHUSDT (letters and digits, 1 to {SymbolRegistry.MaxSymbolLength}, comma-separated)");
            }

            if (names.Contains(name))
            {
                throw new ConfigurationException($"--symbols {text}: {name} is named twice");
            }

            names.Add(name);
        }

        if (names.Count > MaxSymbols)
        {
            throw new ConfigurationException($"--symbols: {names.Count} symbols; at most {MaxSymbols} per run");
        }

        return names;
    }

    /// <summary>
    /// Each symbol's setup with its filters from <paramref name="venue"/>; a symbol the venue does not list, or lists
    /// with a status other than TRADING, is a configuration error naming every such symbol.
    /// </summary>
    public static IReadOnlyList<SymbolSetup> Setups(IReadOnlyList<string> names, ExchangeInfoDocument venue, EngineOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(options);
        var setups = new List<SymbolSetup>();
        var errors = new List<string>();
        foreach (string name in names)
        {
            if (!venue.Symbols.TryGetValue(name, out ExchangeInfoSymbol? entry))
            {
                string problem = venue.Problems.FirstOrDefault(p => p.StartsWith(name + ":", StringComparison.Ordinal)) is { } p ? $" ({p})" : string.Empty;
                errors.Add($"{name}: not a usable symbol of {source}{problem}");
            }
            else if (entry.Status.Length > 0 && entry.Status != "TRADING")
            {
                errors.Add($"{name}: status {entry.Status} in {source}, not TRADING");
            }
            else
            {
                setups.Add(new SymbolSetup { Name = name, Filters = entry.Filters, BarSize = options.Symbol.BarSize, DollarBars = options.Symbol.DollarBars });
            }
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException("--symbols: " + string.Join("; ", errors)) { Errors = errors };
        }

        return setups;
    }
}
