namespace Engine.Binance.Live.Orders;

/// <summary>
/// What one REST or WS API request got back, parsed without allocating: the HTTP status (the WS API's
/// <c>status</c>), Binance's error code, the order's ids and status, and the rate-limit counters the answer carried.
/// A request that got no answer at all (timeout, connection reset, send failure) has <see cref="TransportFailed"/>.
/// </summary>
public struct VenueAnswer
{
    public int HttpStatus;

    /// <summary>True when no answer arrived: the outcome of an order request is unknown.</summary>
    public bool TransportFailed;

    /// <summary>Binance's <c>code</c> of an error answer; 0 otherwise.</summary>
    public int Code;

    public long OrderId;
    public long AlgoId;

    /// <summary>The matching-engine order a triggered conditional order placed (<c>actualOrderId</c>), 0 before.</summary>
    public long ActualOrderId;

    public VenueOrderStatus Status;
    public long ExecutedQtyE8;
    public long UpdateTimeMs;

    /// <summary><c>serverTime</c> of a <c>/fapi/v1/time</c> answer.</summary>
    public long ServerTimeMs;

    /// <summary><c>Retry-After</c> in seconds of a 429/418; -1 when absent.</summary>
    public int RetryAfterSeconds;

    /// <summary><c>X-MBX-USED-WEIGHT-1M</c> (or the WS API's REQUEST_WEIGHT count); -1 when absent.</summary>
    public int UsedWeight1m;

    /// <summary><c>X-MBX-ORDER-COUNT-10S</c>; -1 when absent.</summary>
    public int OrderCount10s;

    /// <summary><c>X-MBX-ORDER-COUNT-1M</c>; -1 when absent.</summary>
    public int OrderCount1m;

    public readonly bool IsOk => !TransportFailed && HttpStatus is >= 200 and < 300 && Code == 0;

    /// <summary>HTTP 5xx or no answer: Binance says the request may have executed.</summary>
    public readonly bool OutcomeUnknown => TransportFailed || HttpStatus >= 500 || Code is -1000 or -1001 or -1007;

    public void Clear()
    {
        this = default;
        RetryAfterSeconds = -1;
        UsedWeight1m = -1;
        OrderCount10s = -1;
        OrderCount1m = -1;
    }
}
