namespace Engine.Binance.ExchangeInfo;

/// <summary>
/// What <see cref="ExchangeInfoLoader"/> made of an <c>exchangeInfo</c> answer: the usable symbols by name, and one
/// line per thing it had to skip (a symbol without a price or lot filter, a value that is not a decimal, ...).
/// </summary>
public sealed class ExchangeInfoDocument
{
    public ExchangeInfoDocument(IReadOnlyDictionary<string, ExchangeInfoSymbol> symbols, IReadOnlyList<string> problems)
    {
        Symbols = symbols;
        Problems = problems;
    }

    public IReadOnlyDictionary<string, ExchangeInfoSymbol> Symbols { get; }

    public IReadOnlyList<string> Problems { get; }

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
