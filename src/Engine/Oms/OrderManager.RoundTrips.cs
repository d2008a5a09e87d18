using Engine.Model;

namespace Engine.Oms;

// The round trips: the OMS accounts each position from flat to flat (RoundTrip) next to the Position it applies the
// fills to, so a closed position's PnL and fees come from one place.
public sealed partial class OrderManager<TOut>
{
    private readonly RoundTrip[] _roundTrips;
    private readonly ClosedPosition[] _closed;

    // The venue's mark price per symbol (zero until the first mark price event): what open positions are valued at.
    private readonly Price[] _markPrice;

    /// <summary>
    /// The symbol's latest round trip closed; valid after a report whose <see cref="ReportResult.ClosedRoundTrip"/> is
    /// true, until the next one closes.
    /// </summary>
    public ref readonly ClosedPosition LastClosed(SymbolId symbol) => ref _closed[symbol.Value];

    /// <summary>
    /// Net PnL of every open round trip at its symbol's mark (the venue's mark price once one came, else the last trade
    /// price the OMS was given): what equity adds to the closed positions' result (equity = start + realised − fees +
    /// unrealised). Zero when all are flat.
    /// </summary>
    public Money OpenPnl()
    {
        Money sum = Money.Zero;
        for (int s = 0; s < _positions.Length; s++)
        {
            if (!_positions[s].IsFlat)
            {
                Price mark = _markPrice[s].E8 > 0 ? _markPrice[s] : _lastPrice[s];
                sum += _roundTrips[s].OpenNet(in _positions[s], mark);
            }
        }

        return sum;
    }

    /// <summary>
    /// The venue's mark price of a symbol: open positions are valued at it from now on. It moves no exit plan: stops
    /// and take-profits work on trades (Binance's default CONTRACT_PRICE).
    /// </summary>
    public void OnMarkPrice(SymbolId symbol, Price price)
    {
        if ((uint)symbol.Value < (uint)_markPrice.Length && price.E8 > 0)
        {
            _markPrice[symbol.Value] = price;
        }
    }
}
