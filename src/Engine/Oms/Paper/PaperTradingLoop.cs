using Engine.Model;

namespace Engine.Oms.Paper;

/// <summary>
/// The OMS and the paper venue wired on one thread, as the engine thread runs them in replay and paper modes: each
/// input goes to the venue first (it matches what reached it), its reports go to the OMS in event-time order, the
/// OMS marks and reacts, and the requests it wrote are handed to the venue, which sees them after its latency.
/// </summary>
public sealed class PaperTradingLoop
{
    private readonly FixedQueue<OrderRequest> _requests;

    public PaperTradingLoop(OrderManagerOptions omsOptions, PaperVenueOptions venueOptions, ReadOnlySpan<VenueFilters> filtersBySymbol)
    {
        ArgumentNullException.ThrowIfNull(venueOptions);
        _requests = new FixedQueue<OrderRequest>(venueOptions.RequestQueueCapacity);
        OrderManager = new OrderManager<OrderRequestQueueSink>(omsOptions, filtersBySymbol, new OrderRequestQueueSink(_requests));
        Venue = new PaperVenue(venueOptions, filtersBySymbol);
    }

    public OrderManager<OrderRequestQueueSink> OrderManager { get; }

    public PaperVenue Venue { get; }

    /// <summary>Called with every request as it goes to the venue (cold observers: journals, tests). Null by default.</summary>
    public Action<OrderRequest>? RequestObserver { get; set; }

    /// <summary>Called with every report as it reaches the OMS. Null by default.</summary>
    public Action<VenueReport>? ReportObserver { get; set; }

    public EntryDecision OnEntry(in EntryPlan plan)
    {
        EntryDecision decision = OrderManager.OnEntry(in plan);
        ForwardRequests();
        return decision;
    }

    public void OnTrade(in Trade trade)
    {
        Venue.OnTrade(in trade);
        DeliverReports();
        OrderManager.OnTrade(in trade);
        ForwardRequests();
    }

    public void OnRow(in AggregatedRow row)
    {
        Venue.OnRow(in row);
        DeliverReports();
        if (row.HasClose)
        {
            OrderManager.OnMark(row.Symbol, row.ClosePrice, row.EndMs);
        }
        ForwardRequests();
    }

    private void DeliverReports()
    {
        while (Venue.TryTakeReport(out VenueReport report))
        {
            ReportObserver?.Invoke(report);
            OrderManager.OnReport(in report);
        }
    }

    private void ForwardRequests()
    {
        while (_requests.TryDequeue(out OrderRequest request))
        {
            RequestObserver?.Invoke(request);
            Venue.Submit(in request);
        }
    }
}
