using Engine.Model;
using Engine.Pipeline;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// The gateway thread's work: each <see cref="OrderRequest"/> the OMS wrote becomes one signed venue request on the
/// preferred transport (the other one when it is down and the request certainly was not sent), and every answer becomes
/// a <see cref="VenueReport"/> published into the input ring. Stop and take-profit orders go to the Algo Service.
/// An answer that leaves the outcome open (timeout, 5xx, send failure) is reported Unknown and then settled by querying
/// the same client id with a bounded back-off: the intent is never submitted twice. -1021 re-syncs the clock and resends
/// once (the venue refused it, so nothing was placed); a 429 pauses all requests for <c>Retry-After</c> and resends.
/// Requests wait for the rate-limit buckets rather than earn a 429. Not thread-safe: one thread calls <see cref="Handle"/>.
/// </summary>
public sealed partial class OrderGateway : IDisposable
{
    private readonly GatewayOptions _options;
    private readonly IOrderTransport _primary;
    private readonly IOrderTransport? _fallback;
    private readonly ServerClock _clock;
    private readonly Func<ServerClock, bool> _syncClock;
    private readonly VenueRateLimiter _limiter;
    private readonly IInputPublisher _input;
    private readonly byte[][] _symbols;
    private readonly Action<int> _sleep;
    private long _nextSyncLocalMs;

    /// <param name="syncClock">Reads the server time into the clock (e.g. <see cref="RestOrderTransport.TrySyncClock"/>); false on failure.</param>
    /// <param name="sleep">How the gateway waits (ms); tests may pass their own.</param>
    public OrderGateway(
        GatewayOptions options,
        IOrderTransport primary,
        IOrderTransport? fallback,
        ServerClock clock,
        Func<ServerClock, bool> syncClock,
        VenueRateLimiter limiter,
        SymbolRegistry symbols,
        IInputPublisher input,
        Action<int>? sleep = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _primary = primary ?? throw new ArgumentNullException(nameof(primary));
        _fallback = fallback;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _syncClock = syncClock ?? throw new ArgumentNullException(nameof(syncClock));
        _limiter = limiter ?? throw new ArgumentNullException(nameof(limiter));
        _limiter.ClockUncertaintyMs ??= () => clock.UncertaintyMs;
        _input = input ?? throw new ArgumentNullException(nameof(input));
        ArgumentNullException.ThrowIfNull(symbols);
        _symbols = new byte[symbols.Count][];
        for (int i = 0; i < symbols.Count; i++)
        {
            _symbols[i] = System.Text.Encoding.ASCII.GetBytes(symbols.NameOf(new SymbolId(i)));
        }

        _sleep = sleep ?? Thread.Sleep;
        _ = ClientOrderIdTextLength(options.ClientIdPrefix); // refuse a bad prefix at start, not on the first order
    }

    public GatewayCounters Counters { get; } = new();

    public ServerClock Clock => _clock;

    public VenueRateLimiter Limiter => _limiter;

    /// <summary>The preferred transport (config <c>Gateway:Transport</c>).</summary>
    public IOrderTransport Primary => _primary;

    public IOrderTransport? Fallback => _fallback;

    /// <summary>Reads the server clock now (start-up and -1021); false when the venue did not answer.</summary>
    public bool SyncClock()
    {
        bool ok = _syncClock(_clock);
        _nextSyncLocalMs = _clock.LocalMs + (long)_options.ClockSyncInterval.TotalMilliseconds;
        if (ok)
        {
            Counters.ClockResyncs++;
        }

        return ok;
    }

    /// <summary>Carries out one order request and publishes what the venue said.</summary>
    public void Handle(in OrderRequest request)
    {
        if (request.Symbol.Value < 0 || request.Symbol.Value >= _symbols.Length)
        {
            Counters.UnsupportedRequests++;
            Publish(VenueReportKind.Rejected, in request, 0, BinanceErrorCode.BadSymbol);
            return;
        }

        if (_clock.LocalMs >= _nextSyncLocalMs)
        {
            SyncClock();
        }

        switch (request.Command)
        {
            case OrderCommand.Submit:
                Submit(in request);
                break;
            case OrderCommand.Cancel:
                Counters.Cancels++;
                Cancel(in request);
                break;
            case OrderCommand.Query:
                Counters.Queries++;
                QueryAndReport(in request, notFoundIsFinal: true);
                break;
            default:
                Counters.UnsupportedRequests++;
                break;
        }
    }

    public void Dispose()
    {
        _primary.Dispose();
        _fallback?.Dispose();
    }

    /// <summary>Stops and take-profits live in the Algo Service: its endpoints place, cancel and query them (the request carries the order's type).</summary>
    private static bool IsAlgo(in OrderRequest r) => r.Type is OrderType.StopMarket or OrderType.TakeProfitMarket;

    private void Submit(in OrderRequest request)
    {
        Counters.Submits++;
        VenueCall call = IsAlgo(in request) ? VenueCall.PlaceAlgo : VenueCall.PlaceOrder;
        var answer = default(VenueAnswer);
        Call(call, in request, ref answer);
        if (answer.OutcomeUnknown)
        {
            Counters.OutcomesUnknown++;
            Publish(VenueReportKind.Unknown, in request, 0, CodeOf(in answer));
            ResolveUnknown(in request);
            return;
        }

        if (answer.IsOk)
        {
            Counters.Accepted++;
            ReportState(in request, in answer);
            return;
        }

        Counters.Rejected++;
        Publish(VenueReportKind.Rejected, in request, 0, CodeOf(in answer));
    }

    private void Cancel(in OrderRequest request)
    {
        var answer = default(VenueAnswer);
        Call(IsAlgo(in request) ? VenueCall.CancelAlgo : VenueCall.CancelOrder, in request, ref answer);
        if (answer.OutcomeUnknown)
        {
            QueryAndReport(in request, notFoundIsFinal: false); // what became of it settles the cancel either way
            return;
        }

        if (answer.IsOk)
        {
            // A cancel that succeeded: the Algo Service's answer carries no status ({"algoId","clientAlgoId","code":"200","msg":"success"}).
            Publish(VenueReportKind.Canceled, in request, answer.OrderId != 0 ? answer.OrderId : answer.AlgoId, BinanceErrorCode.None, answer.UpdateTimeMs);
            return;
        }

        Publish(VenueReportKind.CancelRejected, in request, 0, CodeOf(in answer)); // -2011 unknown/closed order
    }

    private static BinanceErrorCode CodeOf(in VenueAnswer a) =>
        a.Code != 0 ? (BinanceErrorCode)a.Code
        : a.TransportFailed ? BinanceErrorCode.Timeout
        : a.HttpStatus >= 500 ? BinanceErrorCode.Unknown
        : a.HttpStatus == 429 ? BinanceErrorCode.TooManyRequests
        : BinanceErrorCode.NewOrderRejected;

    private static int ClientOrderIdTextLength(string prefix)
    {
        Span<byte> probe = stackalloc byte[36];
        return new ClientOrderId(long.MaxValue).TryFormat(prefix, probe, out int written)
            ? written
            : throw new ArgumentException($"client id prefix '{prefix}' is not allowed by Binance (^[.A-Z:/a-z0-9_-]{{1,36}}$ with the id)", nameof(prefix));
    }
}
