using Engine.Model;
using Engine.Oms;

namespace Engine.Binance.Live.Reconcile;

/// <summary>One of the engine's working orders, as its rebuilt order table holds it.</summary>
public readonly record struct BookOrder(
    ClientOrderId Id, OrderId VenueId, SymbolId Symbol, Side Side, OrderType Type, OrderRole Role, OrderStatus Status, Quantity Quantity, Quantity Filled)
{
    /// <summary>Stop and take-profit orders live in Binance's Algo Service (<c>clientAlgoId</c>), the rest in the order book.</summary>
    public bool IsAlgo => Type is OrderType.StopMarket or OrderType.TakeProfitMarket;
}

/// <summary>One symbol's position as the engine holds it, with the state of its exit plan.</summary>
public readonly record struct BookPosition(SymbolId Symbol, Quantity Size, Price AveragePrice, ExitPhase Phase, long LastTradeId, long OldestWorkingMs);

/// <summary>
/// What the engine believes about the venue after a start or a resume: its working orders and its positions, copied
/// from the rebuilt <see cref="OrderManager{TOut}"/> before the engine thread starts (a fresh start is an empty book).
/// The start-up reconciliation compares it with what the venue says. Plain data, cold.
/// </summary>
public sealed class EngineBook
{
    public EngineBook(IReadOnlyList<BookOrder> orders, IReadOnlyList<BookPosition> positions)
    {
        Orders = orders;
        Positions = positions;
    }

    /// <summary>Orders that may still fill (pending submit, accepted, partially filled, pending cancel, unknown).</summary>
    public IReadOnlyList<BookOrder> Orders { get; }

    /// <summary>One entry per symbol of the run, indexed by <see cref="SymbolId"/>.</summary>
    public IReadOnlyList<BookPosition> Positions { get; }

    /// <summary>A fresh start: nothing working, flat everywhere.</summary>
    public static EngineBook Empty(int symbols) =>
        new([], [.. Enumerable.Range(0, symbols).Select(s => new BookPosition(new SymbolId(s), default, default, ExitPhase.Idle, 0, 0))]);

    /// <summary>
    /// Copies the OMS's order table and positions. Call it only while the engine thread is not running (after a
    /// restore, before the pipeline starts). The last trade id per symbol is the highest any order slot remembers:
    /// the reconciliation asks the venue for the fills after it.
    /// </summary>
    public static EngineBook From<TOut>(OrderManager<TOut> oms, int symbols)
        where TOut : struct, IOrderRequestSink
    {
        ArgumentNullException.ThrowIfNull(oms);
        var orders = new List<BookOrder>();
        long[] lastTrade = new long[symbols];
        long[] oldest = new long[symbols];
        foreach (ref readonly Order o in oms.OrderSlots)
        {
            int s = o.Symbol.Value;
            if (o.Status == OrderStatus.None || (uint)s >= (uint)symbols)
            {
                continue;
            }

            lastTrade[s] = Math.Max(lastTrade[s], o.LastTradeId);
            if (OrderStateMachine.IsWorking(o.Status))
            {
                orders.Add(new BookOrder(o.ClientId, o.VenueId, o.Symbol, o.Side, o.Type, o.Role, o.Status, o.Quantity, o.Filled));
                oldest[s] = oldest[s] == 0 ? o.SubmittedMs : Math.Min(oldest[s], o.SubmittedMs);
            }
        }

        var positions = new BookPosition[symbols];
        for (int s = 0; s < symbols; s++)
        {
            var id = new SymbolId(s);
            ref readonly Position p = ref oms.PositionOf(id);
            positions[s] = new BookPosition(id, p.Size, p.AveragePrice, oms.PlanOf(id).Phase, lastTrade[s], oldest[s]);
        }

        orders.Sort((a, b) => a.Id.Value.CompareTo(b.Id.Value));
        return new EngineBook(orders, positions);
    }
}
