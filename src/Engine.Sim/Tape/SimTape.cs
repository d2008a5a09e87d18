using Engine.Model;
using Engine.Pipeline;

namespace Engine.Sim.Tape;

/// <summary>
/// The market the sim plays: every trade of its inputs merged in trade time (each input keeps its own order among equal times), with the
/// symbol names they carry. Loaded whole before serving (the bundled tapes are a few MB); read-only afterwards, so any
/// thread may read it.
/// </summary>
public sealed class SimTape
{
    private readonly Trade[] _trades;

    private SimTape(Trade[] trades, SymbolRegistry symbols)
    {
        _trades = trades;
        Symbols = symbols;
    }

    public ReadOnlySpan<Trade> Trades => _trades;

    public int Count => _trades.Length;

    public SymbolRegistry Symbols { get; }

    /// <summary>Trade time of the first trade, Unix ms (0 for an empty tape).</summary>
    public long FirstTradeTimeMs => _trades.Length == 0 ? 0 : _trades[0].TradeTimeMs;

    public long LastTradeTimeMs => _trades.Length == 0 ? 0 : _trades[^1].TradeTimeMs;

    /// <summary>Reads every trade event of <paramref name="feeds"/> (in order) into a tape; other event kinds are not market data and are skipped.</summary>
    public static SimTape Load(IEnumerable<IInputFeed> feeds, SymbolRegistry symbols)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        ArgumentNullException.ThrowIfNull(symbols);
        var trades = new List<Trade>(1 << 16);
        var slot = default(EngineEvent);
        foreach (IInputFeed feed in feeds)
        {
            while (feed.TryReadNext(ref slot))
            {
                if (slot.Kind == EventKind.Trade && slot.Trade.Symbol != SymbolId.None)
                {
                    trades.Add(slot.Trade);
                }
            }
        }

        return new SimTape(InTimeOrder(trades), symbols);
    }

    /// <summary>A tape of the given trades (tests).</summary>
    public static SimTape Of(IEnumerable<Trade> trades, SymbolRegistry symbols) => new(InTimeOrder(trades), symbols);

    /// <summary>
    /// Several inputs (one file per symbol, say) play as one market: trades merged by trade time, a stable sort so
    /// each input keeps its own order among equal times.
    /// </summary>
    private static Trade[] InTimeOrder(IEnumerable<Trade> trades) => [.. trades.OrderBy(t => t.TradeTimeMs)];
}
