using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

/// <summary>The OMS alone, with every request it writes recorded, and venue reports written by hand.</summary>
internal sealed class OmsHarness
{
    public static readonly SymbolId Btc = new(0);

    public OmsHarness(OrderManagerOptions? options = null)
    {
        Box = new RecordingSink.Box { All = [] };
        Oms = new OrderManager<RecordingSink>(options ?? new OrderManagerOptions(), [PaperScript.BtcFilters], new RecordingSink(Box));
    }

    public OrderManager<RecordingSink> Oms { get; }

    public RecordingSink.Box Box { get; }

    public List<OrderRequest> Requests => Box.All!;

    public ref readonly PositionPlan Plan => ref Oms.PlanOf(Btc);

    public ref readonly Position Position => ref Oms.PositionOf(Btc);

    public static VenueReport Report(VenueReportKind kind, ClientOrderId id, string cum = "0", string last = "0", string price = "0", long timeMs = 2000, Side side = Side.Buy) => new()
    {
        Kind = kind,
        ClientId = id,
        Symbol = Btc,
        Side = side,
        CumulativeQuantity = Quantity.Parse(cum),
        LastQuantity = Quantity.Parse(last),
        LastPrice = Price.Parse(price),
        EventTimeMs = timeMs,
    };

    public static VenueReport Rejected(ClientOrderId id, BinanceErrorCode code, long timeMs = 2000) =>
        Report(VenueReportKind.Rejected, id, timeMs: timeMs) with { ErrorCode = code };

    public EntryDecision EnterMarket(string qty, string distance, string reference, long timeMs = 1000, Side side = Side.Buy) =>
        Oms.OnEntry(new EntryPlan(Btc, side, Quantity.Parse(qty), Price.Parse(distance), Price.Parse(reference), timeMs));

    public EntryDecision EnterLimit(string qty, string distance, string limit, long timeMs = 1000, Side side = Side.Buy) =>
        Oms.OnEntry(new EntryPlan(Btc, side, Quantity.Parse(qty), Price.Parse(distance), Price.Parse(limit), timeMs, OrderType.Limit, Price.Parse(limit)));

    public void Apply(VenueReport report) => Oms.OnReport(in report);

    public OrderRole RoleOf(ClientOrderId id) => Oms.OrderOf(id, out _).Role;

    public OrderStatus StatusOf(ClientOrderId id) => Oms.OrderOf(id, out _).Status;

    /// <summary>Submits of <paramref name="role"/>, oldest first.</summary>
    public List<OrderRequest> Submits(OrderRole role) =>
        Requests.Where(r => r.Command == OrderCommand.Submit && RoleOf(r.ClientId) == role).ToList();

    /// <summary>Stop-market submits, oldest first (by type, so it holds after order-table slots are reused).</summary>
    public List<OrderRequest> Stops() => Requests.Where(r => r.Command == OrderCommand.Submit && r.Type == OrderType.StopMarket).ToList();

    public List<OrderRequest> Cancels() => Requests.Where(r => r.Command == OrderCommand.Cancel).ToList();

    /// <summary>Requests that are neither a submit nor a cancel: order status queries.</summary>
    public List<OrderRequest> Queries() => Requests.Where(r => r.Command != OrderCommand.Submit && r.Command != OrderCommand.Cancel).ToList();

    /// <summary>A market entry of 0.009 filled at 60000 with its stop (id 2, 59900) and take-profits (ids 3, 4) sent.</summary>
    public (ClientOrderId Entry, ClientOrderId Stop) OpenLong()
    {
        EnterMarket("0.009", "100", "60000");
        var entry = new ClientOrderId(1);
        Apply(Report(VenueReportKind.Filled, entry, "0.009", "0.009", "60000"));
        OrderRequest stop = Submits(OrderRole.StopLoss).Single();
        return (entry, stop.ClientId);
    }
}
