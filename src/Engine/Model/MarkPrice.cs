namespace Engine.Model;

/// <summary>
/// One mark price update (Binance <c>markPriceUpdate</c>, the <c>@markPrice@1s</c> stream): the price the venue values
/// open positions at. The risk gate's price band and the unrealised PnL use it once a symbol has one.
/// </summary>
public struct MarkPrice
{
    public SymbolId Symbol;

    /// <summary><c>p</c>: the mark price.</summary>
    public Price Price;

    /// <summary>Event time <c>E</c>, Unix epoch milliseconds UTC.</summary>
    public long EventTimeMs;
}
