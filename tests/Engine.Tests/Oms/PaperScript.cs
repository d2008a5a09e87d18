using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;

namespace Engine.Tests.Oms;

/// <summary>A scripted trade path through the OMS and the paper venue on one thread, recording what crossed between them.</summary>
internal sealed class PaperScript
{
    public static readonly SymbolId Btc = new(0);

    public static readonly VenueFilters BtcFilters = new(Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Money.FromDecimal(100m));

    public PaperScript(OrderManagerOptions? executor = null, PaperVenueOptions? venue = null)
    {
        Loop = new PaperTradingLoop(
            executor ?? new OrderManagerOptions { TrailingDistanceTicks = 50, TrailingStepTicks = 10 },
            venue ?? new PaperVenueOptions { LatencyMs = 0, SlippageTicks = 1 },
            [BtcFilters]);
        Loop.RequestObserver = Requests.Add;
        Loop.ReportObserver = Reports.Add;
    }

    public PaperTradingLoop Loop { get; }

    public List<OrderRequest> Requests { get; } = [];

    public List<VenueReport> Reports { get; } = [];

    public OrderManager<OrderRequestQueueSink> Oms => Loop.OrderManager;

    public ref readonly Position Position => ref Oms.PositionOf(Btc);

    public ref readonly PositionPlan Plan => ref Oms.PlanOf(Btc);

    public void Trade(long timeMs, string price, string qty = "1")
    {
        var t = new Trade
        {
            Symbol = Btc,
            Price = Price.Parse(price),
            Quantity = Quantity.Parse(qty),
            TradeTimeMs = timeMs,
            EventTimeMs = timeMs,
            Type = TradeType.Market,
        };
        Loop.OnTrade(in t);
    }

    public EntryDecision Enter(long timeMs, Side side, string qty, string stopDistance, string reference, OrderType type = OrderType.Market, string limit = "0") =>
        Loop.OnEntry(new EntryPlan(Btc, side, Quantity.Parse(qty), Price.Parse(stopDistance), Price.Parse(reference), timeMs, type, Price.Parse(limit)));

    public List<VenueReport> Fills() => Reports.Where(r => r.IsFill).ToList();

    public OrderRequest SubmitOf(OrderRole role, int nth = 0) =>
        Requests.Where(r => r.Command == OrderCommand.Submit && RoleOf(r.ClientId) == role).ElementAt(nth);

    public OrderRole RoleOf(ClientOrderId id) => Oms.OrderOf(id, out _).Role;

    public OrderStatus StatusOf(ClientOrderId id) => Oms.OrderOf(id, out _).Status;

    public static Money M(decimal value) => Money.FromDecimal(value);

    public static Price P(string text) => Price.Parse(text);

    public static Quantity Q(string text) => Quantity.Parse(text);
}
