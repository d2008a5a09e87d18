namespace Engine.Binance.Live.Orders;

/// <summary>
/// The gateway's own view of Binance's limits, so it waits instead of earning a 429: one bucket per
/// <see cref="RateLimitRule"/>, refilled whole when the venue's window (aligned to the server clock, as Binance resets
/// them) rolls over, spent by each request's weight (and by each new order for ORDERS rules), and corrected by what
/// the venue says it counted (<c>X-MBX-USED-WEIGHT-1M</c>, <c>X-MBX-ORDER-COUNT-10S/1M</c>, or the WS API's
/// <c>rateLimits</c>): other clients on the same IP or account spend the same budget. A 429/418 pauses everything
/// until its <c>Retry-After</c>. Gateway thread only, except <see cref="ThrottledUntilMs"/>.
/// </summary>
public sealed class VenueRateLimiter
{
    private readonly RateLimitRule[] _rules;
    private readonly long[] _windowStart;
    private readonly int[] _used;
    private readonly int _headroom;
    private readonly long _clockGuardMs;
    private long _throttledUntilMs;

    /// <param name="headroom">Units kept unspent in every bucket (other paths: the user stream's REST calls, a second process).</param>
    /// <param name="clockGuardMs">
    /// How long after our estimate of the venue's window end the bucket is refilled: the server clock is known only to a
    /// few ms (half a round trip), and refilling early would spend the new window's budget in the old one.
    /// </param>
    public VenueRateLimiter(IReadOnlyList<RateLimitRule> rules, int headroom = 2, long clockGuardMs = 50)
    {
        _clockGuardMs = clockGuardMs;
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        _windowStart = new long[_rules.Length];
        _used = new int[_rules.Length];
        _headroom = headroom;
    }

    /// <summary>Server time until which the venue told us to stop (429/418 <c>Retry-After</c>); 0 when not throttled. Any thread.</summary>
    public long ThrottledUntilMs => Volatile.Read(ref _throttledUntilMs);

    public long Waits { get; private set; }

    public long Throttles { get; private set; }

    /// <summary>
    /// The server clock's uncertainty (<see cref="ServerClock.UncertaintyMs"/>; the gateway connects its clock): a
    /// window is taken as rolled over only that long, and at least the guard given at construction, after our estimate
    /// of its end, so a clock estimate off by a slow sync's half round trip cannot spend the new window's budget early.
    /// </summary>
    public Func<long>? ClockUncertaintyMs { get; set; }

    /// <summary>
    /// Takes <paramref name="weight"/> (and one order when <paramref name="isOrder"/>) from the buckets at server time
    /// <paramref name="nowMs"/>; when a bucket cannot pay, takes nothing and returns how long to wait (ms).
    /// </summary>
    public long TryAcquire(long nowMs, int weight, bool isOrder)
    {
        long throttled = Volatile.Read(ref _throttledUntilMs);
        if (throttled > nowMs)
        {
            Waits++;
            return throttled - nowMs;
        }

        long guard = Guard();
        long wait = 0;
        for (int i = 0; i < _rules.Length; i++)
        {
            Roll(i, nowMs, guard);
            int cost = _rules[i].Orders ? (isOrder ? 1 : 0) : weight;
            if (cost > 0 && _used[i] + cost > Math.Max(1, _rules[i].Limit - _headroom))
            {
                wait = Math.Max(wait, _windowStart[i] + _rules[i].WindowMs + guard - nowMs);
            }
        }

        if (wait > 0)
        {
            Waits++;
            return wait;
        }

        for (int i = 0; i < _rules.Length; i++)
        {
            _used[i] += _rules[i].Orders ? (isOrder ? 1 : 0) : weight;
        }

        return 0;
    }

    /// <summary>What the venue counted in the current windows, from an answer's headers (-1: not given).</summary>
    public void Correct(long nowMs, int usedWeight1m, int orderCount10s, int orderCount1m)
    {
        long guard = Guard();
        for (int i = 0; i < _rules.Length; i++)
        {
            Roll(i, nowMs, guard);
            RateLimitRule r = _rules[i];
            int reported = !r.Orders && r.WindowMs == 60_000 ? usedWeight1m
                : r.Orders && r.WindowMs == 10_000 ? orderCount10s
                : r.Orders && r.WindowMs == 60_000 ? orderCount1m
                : -1;
            if (reported >= 0)
            {
                _used[i] = reported; // the venue's count is the truth: higher when others spend, lower after its reset
            }
        }
    }

    /// <summary>A 429 or 418: nothing goes out before <paramref name="untilMs"/> (server time).</summary>
    public void Throttle(long untilMs)
    {
        Throttles++;
        if (untilMs > Volatile.Read(ref _throttledUntilMs))
        {
            Volatile.Write(ref _throttledUntilMs, untilMs);
        }
    }

    public int UsedOf(int rule) => _used[rule];

    /// <summary>The margin a window's end is given: the construction's guard, or the clock's uncertainty when larger (read once per call).</summary>
    private long Guard() => Math.Max(_clockGuardMs, ClockUncertaintyMs?.Invoke() ?? 0);

    private void Roll(int i, long nowMs, long guard)
    {
        long t = nowMs - guard;
        long start = t - (t % _rules[i].WindowMs);
        if (start != _windowStart[i])
        {
            _windowStart[i] = start;
            _used[i] = 0;
        }
    }
}
