using Engine.Model;
using Engine.Timing;

namespace Engine.Binance.Live.Orders;

public sealed partial class OrderGateway
{
    /// <summary>
    /// The state an answer shows, as one report. An order the venue holds (NEW, PARTIALLY_FILLED, FILLED; a conditional
    /// order waiting, triggering or triggered) is Accepted with the venue's id: fills are reported by the user data stream,
    /// which carries their trade ids and prices, never invented here. CANCELED, EXPIRED and REJECTED are reported as such.
    /// </summary>
    private void ReportState(in OrderRequest request, in VenueAnswer answer)
    {
        long venueId = answer.OrderId != 0 ? answer.OrderId : answer.AlgoId;
        VenueReportKind kind = answer.Status switch
        {
            VenueOrderStatus.Canceled => VenueReportKind.Canceled,
            VenueOrderStatus.Expired => VenueReportKind.Expired,
            VenueOrderStatus.Rejected => VenueReportKind.Rejected,
            _ => VenueReportKind.Accepted,
        };
        Publish(kind, in request, venueId, kind == VenueReportKind.Rejected ? BinanceErrorCode.NewOrderRejected : BinanceErrorCode.None, answer.UpdateTimeMs);
    }

    private void Publish(VenueReportKind kind, in OrderRequest request, long venueId, BinanceErrorCode code, long eventTimeMs = 0)
    {
        long sequence = _input.Claim();
        ref EngineEvent e = ref _input[sequence];
        e.Kind = EventKind.VenueReport;
        e.ReceivedTimestamp = EngineClock.Timestamp();
        e.Report = new VenueReport
        {
            Kind = kind,
            ClientId = request.ClientId,
            VenueId = new OrderId(venueId),
            Symbol = request.Symbol,
            Side = request.Side,
            ErrorCode = code,
            EventTimeMs = eventTimeMs != 0 ? eventTimeMs : _clock.NowMs,
        };
        _input.Publish(sequence);
        Reports++;
    }

    /// <summary>Reports published into the input ring.</summary>
    public long Reports { get; private set; }
}
