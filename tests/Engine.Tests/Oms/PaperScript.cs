using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Pipeline;
using Engine.Risk;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Oms;

/// <summary>
/// A scripted trade path through the real <see cref="TradingEngine{TOut}"/>: trades and rows go in as input events,
/// entries go straight to the OMS (<c>SubmitEntry</c>: no signal, no risk gate), and what crossed between the OMS and
/// the paper venue is read back from the engine's outputs. No signal runs, and the risk limits never halt, so only
/// the OMS and the venue act.
/// </summary>
internal sealed class PaperScript
{
    public static readonly SymbolId Btc = new(0);

    public static readonly VenueFilters BtcFilters = new(Price.Parse("0.1"), Quantity.Parse("0.001"), Quantity.Parse("0.001"), Money.FromDecimal(100m));

    public PaperScript(OrderManagerOptions? executor = null, PaperVenueOptions? venue = null)
    {
        Engine = new TradingEngine<CollectingOutputSink>(Options(
            executor ?? new OrderManagerOptions { TrailingDistanceTicks = 50, TrailingStepTicks = 10 },
            venue ?? new PaperVenueOptions { LatencyMs = 0, SlippageTicks = 1 }), new CollectingOutputSink());
    }

    public TradingEngine<CollectingOutputSink> Engine { get; }

    public PaperVenue Venue => Engine.Venue!;

    /// <summary>Every request the OMS sent, in order (the engine's OrderRequested outputs).</summary>
    public List<OrderRequest> Requests => Engine.Output.OfKind(OutputKind.OrderRequested).Select(o => o.Order).ToList();

    /// <summary>Every venue report the OMS was given, in order (the engine's VenueReported outputs).</summary>
    public List<VenueReport> Reports => Engine.Output.OfKind(OutputKind.VenueReported).Select(o => o.Report).ToList();

    public OrderManager<OrderRequestQueueSink> Oms => Engine.OrderManager;

    public ref readonly Position Position => ref Oms.PositionOf(Btc);

    public ref readonly PositionPlan Plan => ref Oms.PlanOf(Btc);

    /// <summary>The engine's options for a script: one symbol with <see cref="BtcFilters"/>, no signal, limits that never halt.</summary>
    public static PipelineOptions Options(OrderManagerOptions executor, PaperVenueOptions venue) => new()
    {
        Symbols = [new SymbolSetup { Name = "BTCUSDT", Filters = PipelineFixtures.BtcFilters with { MinNotional = Money.FromDecimal(100m) }, BarSize = 10m }],
        IntervalMs = 60_000,
        Signal = SignalSource.None,
        OrderManager = executor,
        Paper = venue,
        Risk = new RiskOptions { HaltOnDailyLoss = false, HaltOnDrawdown = false, HaltOnConsecutiveLosses = false },
    };

    public void Trade(long timeMs, string price, string qty = "1") => OnTrade(new Trade
    {
        Symbol = Btc,
        Price = Price.Parse(price),
        Quantity = Quantity.Parse(qty),
        TradeTimeMs = timeMs,
        EventTimeMs = timeMs,
        Type = TradeType.Market,
    });

    public void OnTrade(in Trade trade)
    {
        var e = new EngineEvent { Kind = EventKind.Trade, Trade = trade };
        Engine.OnEvent(ref e);
    }

    public void OnRow(in AggregatedRow row)
    {
        var e = new EngineEvent { Kind = EventKind.AggregatedRow, Row = row };
        Engine.OnEvent(ref e);
    }

    public EntryDecision OnEntry(in EntryPlan plan) => Engine.SubmitEntry(in plan);

    public EntryDecision Enter(long timeMs, Side side, string qty, string stopDistance, string reference, OrderType type = OrderType.Market, string limit = "0") =>
        OnEntry(new EntryPlan(Btc, side, Quantity.Parse(qty), Price.Parse(stopDistance), Price.Parse(reference), timeMs, type, Price.Parse(limit)));

    public List<VenueReport> Fills() => Reports.Where(r => r.IsFill).ToList();

    public OrderRequest SubmitOf(OrderRole role, int nth = 0) =>
        Requests.Where(r => r.Command == OrderCommand.Submit && RoleOf(r.ClientId) == role).ElementAt(nth);

    public OrderRole RoleOf(ClientOrderId id) => Oms.OrderOf(id, out _).Role;

    public OrderStatus StatusOf(ClientOrderId id) => Oms.OrderOf(id, out _).Status;

    public static Money M(decimal value) => Money.FromDecimal(value);

    public static Price P(string text) => Price.Parse(text);

    public static Quantity Q(string text) => Quantity.Parse(text);
}
