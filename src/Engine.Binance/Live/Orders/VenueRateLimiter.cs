namespace Engine.Binance.Live.Orders;

/// <summary>
/// The gateway's own view of Binance's limits, so it waits instead of earning a 429: per <see cref="RateLimitRule"/>, a
/// count for each of the venue's windows (aligned to the server clock, as Binance resets them), spent by each request's
/// weight (and by each new order for ORDERS rules) in every window the request may land in given the clock's
/// uncertainty (two near an edge), and corrected by what
/// the venue says it counted (<c>X-MBX-USED-WEIGHT-1M</c>, <c>X-MBX-ORDER-COUNT-10S/1M</c>, or the WS API's
/// <c>rateLimits</c>): other clients on the same IP or account spend the same budget. A 429/418 pauses everything
/// until its <c>Retry-After</c>. Gateway thread only, except <see cref="ThrottledUntilMs"/>.
/// </summary>
public sealed class VenueRateLimiter
{
    // Four venue windows per rule, kept by window number (number & 3): a request whose arrival at the venue is uncertain
    // by the guard is charged to every window it may land in, two when it is sent close to a window's edge.
    private const int Slots = 4;

    private readonly RateLimitRule[] _rules;
    private readonly long[] _slotWindow;
    private readonly int[] _slotUsed;
    private readonly int _headroom;
    private readonly long _clockGuardMs;
    private long _throttledUntilMs;
    private long _lastNowMs;

    /// <param name="headroom">Units kept unspent in every bucket (other paths: the user stream's REST calls, a second process).</param>
    /// <param name="clockGuardMs">
    /// How far the venue's receive time of a request may be from our estimate of it, either way: the server clock is
    /// known only to a few ms (half a round trip) and the request takes time to arrive. A request sent within this of a
    /// window's edge is charged to both windows, so neither the old window's budget is spent after the venue has rolled
    /// over nor the new one's before.
    /// </param>
    public VenueRateLimiter(IReadOnlyList<RateLimitRule> rules, int headroom = 2, long clockGuardMs = 50)
    {
        _clockGuardMs = clockGuardMs;
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        _slotWindow = new long[_rules.Length * Slots];
        Array.Fill(_slotWindow, long.MinValue);
        _slotUsed = new int[_rules.Length * Slots];
        _headroom = headroom;
    }

    /// <summary>Server time until which the venue told us to stop (429/418 <c>Retry-After</c>); 0 when not throttled. Any thread.</summary>
    public long ThrottledUntilMs => Volatile.Read(ref _throttledUntilMs);

    public long Waits { get; private set; }

    public long Throttles { get; private set; }

    /// <summary>
    /// The server clock's uncertainty (<see cref="ServerClock.UncertaintyMs"/>; the gateway connects its clock): the
    /// guard is at least this, so a clock estimate off by a slow sync's half round trip cannot put a request in a window
    /// the buckets did not charge.
    /// </summary>
    public Func<long>? ClockUncertaintyMs { get; set; }

    /// <summary>
    /// Takes <paramref name="weight"/> (and one order when <paramref name="isOrder"/>) from the buckets at server time
    /// <paramref name="nowMs"/>, in every venue window the request may land in (now ± the guard); when one cannot pay,
    /// takes nothing and returns how long to wait (ms): until the full window can no longer receive it.
    /// </summary>
    public long TryAcquire(long nowMs, int weight, bool isOrder)
    {
        _lastNowMs = nowMs;
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
            int cost = _rules[i].Orders ? (isOrder ? 1 : 0) : weight;
            if (cost == 0)
            {
                continue;
            }

            long windowMs = _rules[i].WindowMs;
            long ruleGuard = Math.Min(guard, windowMs);
            int budget = Math.Max(1, _rules[i].Limit - _headroom);
            for (long w = WindowOf(nowMs - ruleGuard, windowMs), last = WindowOf(nowMs + ruleGuard, windowMs); w <= last; w++)
            {
                if (Used(i, w) + cost > budget)
                {
                    wait = Math.Max(wait, ((w + 1) * windowMs) + ruleGuard - nowMs);
                }
            }
        }

        if (wait > 0)
        {
            Waits++;
            return wait;
        }

        for (int i = 0; i < _rules.Length; i++)
        {
            int cost = _rules[i].Orders ? (isOrder ? 1 : 0) : weight;
            long windowMs = _rules[i].WindowMs;
            long ruleGuard = Math.Min(guard, windowMs);
            for (long w = WindowOf(nowMs - ruleGuard, windowMs), last = WindowOf(nowMs + ruleGuard, windowMs); cost > 0 && w <= last; w++)
            {
                CountOf(i, w) += cost;
            }
        }

        return 0;
    }

    /// <summary>
    /// What the venue counted, from an answer's headers (-1: not given), taken as the count of the window
    /// <paramref name="nowMs"/> falls in (the answer's; the request may have landed in the window before, so this errs
    /// high, never low).
    /// </summary>
    public void Correct(long nowMs, int usedWeight1m, int orderCount10s, int orderCount1m)
    {
        _lastNowMs = nowMs;
        for (int i = 0; i < _rules.Length; i++)
        {
            RateLimitRule r = _rules[i];
            int reported = !r.Orders && r.WindowMs == 60_000 ? usedWeight1m
                : r.Orders && r.WindowMs == 10_000 ? orderCount10s
                : r.Orders && r.WindowMs == 60_000 ? orderCount1m
                : -1;
            if (reported >= 0)
            {
                CountOf(i, WindowOf(nowMs, r.WindowMs)) = reported; // the venue's count is the truth: higher when others spend, lower after its reset
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

    /// <summary>What rule <paramref name="rule"/> has counted in the window of the last call's time.</summary>
    public int UsedOf(int rule) => Used(rule, WindowOf(_lastNowMs, _rules[rule].WindowMs));

    /// <summary>The margin either side of our estimate of the venue's time: the construction's guard, or the clock's uncertainty when larger (read once per call).</summary>
    private long Guard() => Math.Max(_clockGuardMs, ClockUncertaintyMs?.Invoke() ?? 0);

    // The venue's window number of a server time (windows start at multiples of their length, as Binance resets them).
    private static long WindowOf(long ms, long windowMs) => ms >= 0 ? ms / windowMs : ((ms + 1) / windowMs) - 1;

    private int Used(int rule, long window)
    {
        int slot = (rule * Slots) + (int)(window & (Slots - 1));
        return _slotWindow[slot] == window ? _slotUsed[slot] : 0;
    }

    // The count of the window, its slot taken over (from 0) when it held an older window.
    private ref int CountOf(int rule, long window)
    {
        int slot = (rule * Slots) + (int)(window & (Slots - 1));
        if (_slotWindow[slot] != window)
        {
            _slotWindow[slot] = window;
            _slotUsed[slot] = 0;
        }

        return ref _slotUsed[slot];
    }
}
