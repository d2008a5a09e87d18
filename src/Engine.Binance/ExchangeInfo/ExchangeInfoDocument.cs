namespace Engine.Binance.ExchangeInfo;

/// <summary>
/// What <see cref="ExchangeInfoLoader"/> made of an <c>exchangeInfo</c> answer: the usable symbols by name, and one
/// line per thing it had to skip (a symbol without a price or lot filter, a value that is not a decimal, ...), and the
/// venue's <c>rateLimits</c>.
/// </summary>
public sealed class ExchangeInfoDocument
{
    public ExchangeInfoDocument(IReadOnlyDictionary<string, ExchangeInfoSymbol> symbols, IReadOnlyList<string> problems)
        : this(symbols, problems, [])
    {
    }

    public ExchangeInfoDocument(IReadOnlyDictionary<string, ExchangeInfoSymbol> symbols, IReadOnlyList<string> problems, IReadOnlyList<ExchangeRateLimit> rateLimits)
    {
        Symbols = symbols;
        Problems = problems;
        RateLimits = rateLimits;
    }

    public IReadOnlyDictionary<string, ExchangeInfoSymbol> Symbols { get; }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>The <c>rateLimits</c> array in the answer's order (empty when it has none, as in a file of symbols only).</summary>
    public IReadOnlyList<ExchangeRateLimit> RateLimits { get; }

    /// <summary>The filters of <paramref name="symbol"/>, or false when the document has no usable entry for it.</summary>
    public bool TryGetFilters(string symbol, out Engine.Model.SymbolFilters filters)
    {
        if (Symbols.TryGetValue(symbol, out ExchangeInfoSymbol? entry))
        {
            filters = entry.Filters;
            return true;
        }

        filters = default;
        return false;
    }
}
