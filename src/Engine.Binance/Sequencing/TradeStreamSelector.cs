using Engine.Model;
using Engine.Pipeline;

namespace Engine.Binance.Sequencing;

/// <summary>
/// Keeps one trade stream per symbol. Binance's <c>trade</c> and <c>aggTrade</c> streams carry the same market trades
/// twice (one aggregate per taker order and price), with two unrelated id sequences: a symbol whose input holds both
/// would count every trade twice and see each sequence full of gaps. For the symbols marked as holding both, the
/// trades of the other stream are dropped and counted; every other event, and every symbol not marked, passes as it
/// came. Sits on the feed thread in front of the <see cref="TradeReorderBuffer"/>; no allocation per event.
/// </summary>
public sealed class TradeStreamSelector : IInputFeed
{
    private readonly IInputFeed _inner;
    private readonly bool[] _select;
    private readonly long[] _dropped;

    /// <param name="inner">The input.</param>
    /// <param name="holdsBoth">Per symbol id: true when the input holds both streams for it (see <see cref="TradeStreamSurvey"/>).</param>
    /// <param name="keepAggregate">True to keep <c>aggTrade</c> (the default), false to keep <c>trade</c>.</param>
    public TradeStreamSelector(IInputFeed inner, IReadOnlyList<bool> holdsBoth, bool keepAggregate)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(holdsBoth);
        _inner = inner;
        _select = [.. holdsBoth];
        _dropped = new long[_select.Length];
        KeepsAggregate = keepAggregate;
    }

    public bool KeepsAggregate { get; }

    /// <summary>Trades of the other stream dropped for <paramref name="symbol"/> so far.</summary>
    public long Dropped(SymbolId symbol) => (uint)symbol.Value < (uint)_dropped.Length ? _dropped[symbol.Value] : 0;

    public bool TryReadNext(ref EngineEvent slot)
    {
        while (_inner.TryReadNext(ref slot))
        {
            if (slot.Kind != EventKind.Trade)
            {
                return true;
            }

            int s = slot.Trade.Symbol.Value;
            if ((uint)s >= (uint)_select.Length || !_select[s] || slot.Trade.IsAggregate == KeepsAggregate)
            {
                return true;
            }

            _dropped[s]++;
        }

        return false;
    }
}
