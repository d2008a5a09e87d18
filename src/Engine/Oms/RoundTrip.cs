using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// One symbol's open round trip, from the fill that leaves flat to the fill that returns to flat: the OMS follows it
/// with every applied fill and, at the closing one, writes the <see cref="ClosedPosition"/> the engine publishes.
/// Its PnL and fees are the <see cref="Position"/>'s own figures (their change over the round trip), never recomputed.
/// Engine thread only.
/// </summary>
internal struct RoundTrip
{
    private bool _open;
    private Side _entrySide;
    private long _openedMs;
    private Quantity _maxSize;
    private Price _entryPrice;
    private Money _realizedAtOpen;
    private Money _feesAtOpen;
    private Money _exitNotional;
    private Quantity _exitQuantity;

    /// <summary>
    /// The open round trip's net PnL with <paramref name="position"/> marked at <paramref name="mark"/>: realised since
    /// it opened, less its fees so far, plus the unrealised PnL of what is open (none before any mark). Zero when flat.
    /// </summary>
    public readonly Money OpenNet(in Position position, Price mark)
    {
        if (!_open || position.IsFlat)
        {
            return Money.Zero;
        }

        Money unrealised = mark.E8 > 0 ? position.UnrealizedPnl(mark) : Money.Zero;
        return position.RealizedPnl - _realizedAtOpen - (position.Fees - _feesAtOpen) + unrealised;
    }

    /// <summary>
    /// Follows one applied fill of <paramref name="quantity"/> on the order's <paramref name="side"/> (what the position
    /// applied); <paramref name="position"/> is the position after it. Returns true, with
    /// <paramref name="closed"/> filled in, when the fill returned the position to flat.
    /// </summary>
    public bool OnFill(in Position position, in VenueReport fill, Side side, Quantity quantity, OrderRole role, ref ClosedPosition closed)
    {
        if (!_open)
        {
            if (position.IsFlat)
            {
                return false;
            }

            _open = true;
            _entrySide = side;
            _openedMs = fill.EventTimeMs;
            _realizedAtOpen = position.RealizedPnl;
            _feesAtOpen = position.Fees - fill.Fee;
            _exitNotional = Money.Zero;
            _exitQuantity = Quantity.Zero;
        }
        else if (side != _entrySide)
        {
            _exitNotional += Money.Notional(fill.LastPrice, quantity);
            _exitQuantity += quantity;
        }

        if (!position.IsFlat)
        {
            _entryPrice = position.AveragePrice;
            if (position.AbsoluteSize > _maxSize)
            {
                _maxSize = position.AbsoluteSize;
            }

            return false;
        }

        _open = false;
        closed.Symbol = fill.Symbol;
        closed.Side = _entrySide;
        closed.OpenedMs = _openedMs;
        closed.ClosedMs = fill.EventTimeMs;
        closed.Quantity = _maxSize;
        closed.EntryPrice = _entryPrice;
        closed.ExitPrice = _exitQuantity.E8 == 0 ? Price.Zero : new Price((long)(((Int128)_exitNotional.E8 * FixedPoint.Scale) / _exitQuantity.E8));
        closed.RealizedPnl = position.RealizedPnl - _realizedAtOpen;
        closed.Fees = position.Fees - _feesAtOpen;
        closed.ExitRole = role;
        _maxSize = Quantity.Zero;
        return true;
    }
}
