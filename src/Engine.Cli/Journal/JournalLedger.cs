using Engine.Model;
using Engine.Oms;

namespace Engine.Cli.Journal;

/// <summary>
/// What the journal remembers between outputs: the role of each working order and each symbol's position, so a fill
/// row carries the PnL it realised and a closed position the role of the order that flattened it (its exit reason).
/// The output ring does not carry an order's role, so it is inferred from the request the OMS builds for each role:
/// not reduce-only = Entry; reduce-only StopMarket = StopLoss; reduce-only Limit = TakeProfit1, then TakeProfit2 after
/// the same entry; reduce-only Market (or TakeProfitMarket) = Flatten. Journal thread only.
/// </summary>
public sealed class JournalLedger
{
    private readonly Dictionary<long, OrderRole> _roles = [];
    private readonly Position[] _positions;
    private readonly int[] _takeProfitsSinceEntry;
    private readonly OrderRole[] _lastFillRole;

    public JournalLedger(int symbolCount)
    {
        _positions = new Position[symbolCount];
        _takeProfitsSinceEntry = new int[symbolCount];
        _lastFillRole = new OrderRole[symbolCount];
    }

    /// <summary>Orders whose outcome is still open (bounded: final orders are forgotten).</summary>
    public int WorkingOrders => _roles.Count;

    /// <summary>
    /// Records a new order and returns its role: <paramref name="knownRole"/> when the engine said it (the
    /// OrderRequested output carries it), otherwise inferred from the request's shape.
    /// </summary>
    public OrderRole OnSubmit(in OrderRequest request, OrderRole knownRole = OrderRole.None)
    {
        int symbol = request.Symbol.Value;
        OrderRole role;
        if (knownRole != OrderRole.None)
        {
            role = knownRole;
            if (role == OrderRole.Entry)
            {
                _takeProfitsSinceEntry[symbol] = 0;
            }
        }
        else if (!request.ReduceOnly)
        {
            role = OrderRole.Entry;
            _takeProfitsSinceEntry[symbol] = 0;
        }
        else if (request.Type == OrderType.StopMarket)
        {
            role = OrderRole.StopLoss;
        }
        else if (request.Type == OrderType.Limit)
        {
            role = _takeProfitsSinceEntry[symbol]++ == 0 ? OrderRole.TakeProfit1 : OrderRole.TakeProfit2;
        }
        else
        {
            role = OrderRole.Flatten;
        }

        _roles[request.ClientId.Value] = role;
        return role;
    }

    public OrderRole RoleOf(ClientOrderId id) => _roles.TryGetValue(id.Value, out OrderRole role) ? role : OrderRole.None;

    /// <summary>Applies a venue report: a fill moves the symbol's position; returns the PnL the fill realised.</summary>
    public Money OnReport(in VenueReport report)
    {
        Money realized = Money.Zero;
        if (report.IsFill)
        {
            int symbol = report.Symbol.Value;
            realized = _positions[symbol].Apply(report.Side, report.LastQuantity, report.LastPrice, report.Fee);
            _lastFillRole[symbol] = RoleOf(report.ClientId);
        }

        if (report.Kind is VenueReportKind.Filled or VenueReportKind.Canceled or VenueReportKind.Rejected
            or VenueReportKind.Expired or VenueReportKind.NotFound)
        {
            _roles.Remove(report.ClientId.Value);
        }

        return realized;
    }

    /// <summary>Role of the order whose fill was the symbol's latest: for a closed position, why it closed.</summary>
    public OrderRole LastFillRole(SymbolId symbol) => _lastFillRole[symbol.Value];

    /// <summary>The position the journal rebuilt from the fills (exact; matches the OMS's when no fill was lost).</summary>
    public Position PositionOf(SymbolId symbol) => _positions[symbol.Value];
}
