using Microsoft.AspNetCore.Http;

namespace Engine.Sim.Trading;

/// <summary>
/// The <c>Orders:*</c> faults on an order request (place, modify, cancel; REST): <c>LatencyMs</c> delays it;
/// <c>TimeoutRate</c> holds the connection without an answer until the client gives up (or 30 s), then drops it, the
/// request not executed; <c>Http5xxRate</c> answers 503: with <c>Http5xxPlaced</c> the request was executed first and
/// the answer is Binance's unknown-outcome one (-1000 "Unknown error, please check your request or try again later."),
/// without it nothing was executed (-1008 "Service Unavailable."). Each injection is counted under its key.
/// </summary>
internal static class OrderFaults
{
    public static readonly TimeSpan TimeoutHold = TimeSpan.FromSeconds(30);

    /// <summary>Applies the faults; true when a fault answered (or dropped) the request and the caller must not.</summary>
    public static async Task<bool> InjectAsync(HttpContext context, SimExchange exchange, Func<DeskResult> execute)
    {
        var faults = exchange.Faults.Orders;
        if (faults.LatencyMs > 0)
        {
            exchange.FaultsInjected.Count("Orders:LatencyMs");
            await Task.Delay(faults.LatencyMs, context.RequestAborted).ConfigureAwait(false);
        }

        if (exchange.Roll(faults.TimeoutRate))
        {
            exchange.FaultsInjected.Count("Orders:TimeoutRate");
            try
            {
                await Task.Delay(TimeoutHold, context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the client gave up first, as it should
            }

            context.Abort();
            return true;
        }

        if (exchange.Roll(faults.Http5xxRate))
        {
            exchange.FaultsInjected.Count("Orders:Http5xxRate");
            SimError error;
            if (faults.Http5xxPlaced)
            {
                exchange.FaultsInjected.Count("Orders:Http5xxPlaced");
                execute();
                error = new SimError(503, -1000, "Unknown error, please check your request or try again later.");
            }
            else
            {
                error = new SimError(503, -1008, "Service Unavailable.");
            }

            await RateLimitHttp.WriteErrorAsync(context, error).ConfigureAwait(false);
            return true;
        }

        return false;
    }
}
