using Engine.Model;

namespace Engine.Oms;

// The round trips: the OMS accounts each position from flat to flat (RoundTrip) next to the Position it applies the
// fills to, so a closed position's PnL and fees come from one place.
public sealed partial class OrderManager<TOut>
{
    private readonly RoundTrip[] _roundTrips;
    private readonly ClosedPosition[] _closed;

    /// <summary>
    /// The symbol's latest round trip closed; valid after a report whose <see cref="ReportResult.ClosedRoundTrip"/> is
    /// true, until the next one closes.
    /// </summary>
    public ref readonly ClosedPosition LastClosed(SymbolId symbol) => ref _closed[symbol.Value];
}
