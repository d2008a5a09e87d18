using Engine.Model;

namespace Engine.Binance.Live.Orders;

public sealed partial class OrderGateway
{
    /// <summary>
    /// A submit whose outcome is open: query its client id (never resubmit) after
    /// <see cref="GatewayOptions.UnknownQueryFirstDelayMs"/>, doubling up to the maximum, at most
    /// <see cref="GatewayOptions.UnknownQueryLimit"/> times. Found: its state is reported (Accepted, Canceled…).
    /// "No such order" <see cref="GatewayOptions.NotFoundConfirmations"/> times in a row: reported NotFound (the OMS
    /// settles it as rejected). Inconclusive to the end: left Unknown for the OMS's own sweeps.
    /// </summary>
    private void ResolveUnknown(in OrderRequest request)
    {
        int delay = _options.UnknownQueryFirstDelayMs;
        int notFound = 0;
        for (int attempt = 0; attempt < _options.UnknownQueryLimit; attempt++)
        {
            _sleep(delay);
            delay = Math.Min(delay * 2, _options.UnknownQueryMaxDelayMs);
            var answer = default(VenueAnswer);
            Call(IsAlgo(in request) ? VenueCall.QueryAlgo : VenueCall.QueryOrder, in request, ref answer);
            if (answer.IsOk)
            {
                Counters.UnknownsResolved++;
                ReportState(in request, in answer);
                return;
            }

            if (IsNoSuchOrder(in answer))
            {
                if (++notFound >= _options.NotFoundConfirmations)
                {
                    Counters.UnknownsResolved++;
                    Publish(VenueReportKind.NotFound, in request, 0, BinanceErrorCode.NoSuchOrder);
                    return;
                }

                continue;
            }

            notFound = 0; // a timeout or 5xx in between: start the confirmation over
        }

        Counters.UnknownsLeftOpen++;
    }

    /// <summary>An OMS query (or the settling of a cancel that timed out): the order's state, or NotFound.</summary>
    private void QueryAndReport(in OrderRequest request, bool notFoundIsFinal)
    {
        var answer = default(VenueAnswer);
        Call(IsAlgo(in request) ? VenueCall.QueryAlgo : VenueCall.QueryOrder, in request, ref answer);
        if (answer.IsOk)
        {
            ReportState(in request, in answer);
        }
        else if (IsNoSuchOrder(in answer))
        {
            Publish(notFoundIsFinal ? VenueReportKind.NotFound : VenueReportKind.CancelRejected, in request, 0, BinanceErrorCode.NoSuchOrder);
        }
        else if (answer.OutcomeUnknown)
        {
            Publish(VenueReportKind.Unknown, in request, 0, CodeOf(in answer)); // still open: the OMS asks again later
        }
    }

    // -2013 "Order does not exist." (the order and the Algo Service queries alike).
    private static bool IsNoSuchOrder(in VenueAnswer a) => a.Code == (int)BinanceErrorCode.NoSuchOrder && !a.TransportFailed && a.HttpStatus < 500;
}
