using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Binance.Live.Orders;

public sealed partial class OrderGateway
{
    /// <summary>
    /// One venue request with the policies that may repeat it safely, because each repetition follows an answer that
    /// says nothing was done: a wait for the rate-limit buckets before sending; -1021 (timestamp outside recvWindow)
    /// re-syncs the clock and sends once more; 429 (-1003/-1015) waits for <c>Retry-After</c> and sends again, up to
    /// <see cref="GatewayOptions.ThrottleRetryLimit"/>; 418 (banned) waits and gives up. The preferred transport's
    /// certain failure to send (no connection) moves the request to the other one. An open outcome is returned as it is.
    /// </summary>
    private void Call(VenueCall call, in OrderRequest request, ref VenueAnswer answer)
    {
        bool retriedTimestamp = false;
        int throttled = 0;
        while (true)
        {
            WaitForBudget(call);
            answer.Clear();
            Send(call, in request, ref answer);
            Counters.Requests++;
            long now = _clock.NowMs;
            _limiter.Correct(now, answer.UsedWeight1m, answer.OrderCount10s, answer.OrderCount1m);
            if (answer.TransportFailed)
            {
                return;
            }

            if (answer.Code == (int)BinanceErrorCode.InvalidTimestamp && !retriedTimestamp)
            {
                retriedTimestamp = true;
                Counters.TimestampRetries++;
                SyncClock();
                continue;
            }

            if (answer.HttpStatus == 418)
            {
                Counters.Banned++;
                _limiter.Throttle(now + (1000L * Math.Max(answer.RetryAfterSeconds, 1)));
                return;
            }

            if (answer.HttpStatus == 429 || answer.Code is (int)BinanceErrorCode.TooManyRequests or (int)BinanceErrorCode.TooManyOrders)
            {
                Counters.Throttled++;
                _limiter.Throttle(now + (1000L * Math.Max(answer.RetryAfterSeconds, 1)));
                OnThrottled?.Invoke(_limiter.ThrottledUntilMs);
                PublishThrottle(_limiter.ThrottledUntilMs - now);
                if (++throttled <= _options.ThrottleRetryLimit)
                {
                    continue;
                }
            }

            return;
        }
    }

    // The engine is told (EventKind.VenueThrottled): its risk gate admits no entry until the pause has passed.
    private void PublishThrottle(long pauseMs)
    {
        long sequence;
        try
        {
            sequence = _input.Claim();
        }
        catch (InputClosedException)
        {
            return; // the run is stopping
        }

        ref EngineEvent e = ref _input[sequence];
        e.Kind = EventKind.VenueThrottled;
        e.ReceivedTimestamp = EngineClock.Timestamp();
        e.ThrottleMs = Math.Max(0, pauseMs);
        _input.Publish(sequence);
    }

    /// <summary>Called on the gateway thread when a 429 paused requests, with the server time they resume at.</summary>
    public Action<long>? OnThrottled { get; set; }

    private void WaitForBudget(VenueCall call)
    {
        while (true)
        {
            long wait = _limiter.TryAcquire(_clock.NowMs, OrderParams.WeightOf(call), OrderParams.IsOrderEntry(call));
            if (wait <= 0)
            {
                return;
            }

            Counters.RateLimitWaits++;
            _sleep((int)Math.Min(wait, 1000));
        }
    }

    private void Send(VenueCall call, in OrderRequest request, ref VenueAnswer answer)
    {
        IOrderTransport first = _primary.IsUp && _primary.Supports(call) ? _primary : _fallback is not null && _fallback.Supports(call) ? _fallback : _primary;
        ReadOnlySpan<byte> symbol = _symbols[request.Symbol.Value];
        first.Execute(call, in request, symbol, _clock.NowMs, ref answer, out bool maybeSent);
        RecordTickToOrder(first);
        IOrderTransport? second = ReferenceEquals(first, _primary) ? _fallback : _primary;
        if (answer.TransportFailed && !maybeSent && second is not null && second.IsUp && second.Supports(call))
        {
            Counters.FallbackSends++; // the request never left: sending it on the other transport is its first submission
            answer.Clear();
            second.Execute(call, in request, symbol, _clock.NowMs, ref answer, out _);
            RecordTickToOrder(second);
        }
    }
}
