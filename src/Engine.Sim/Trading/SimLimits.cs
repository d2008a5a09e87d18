using System.Globalization;
using System.Text.Json;
using Engine.Sim.Tape;

namespace Engine.Sim.Trading;

/// <summary>One rule of exchangeInfo's <c>rateLimits</c>: REQUEST_WEIGHT per client or ORDERS per account, per window.</summary>
public sealed record RateLimitRule(string Type, string Interval, int IntervalNum, long Limit)
{
    public long WindowMs => IntervalNum * Interval switch
    {
        "SECOND" => 1000L,
        "MINUTE" => 60_000L,
        "HOUR" => 3_600_000L,
        "DAY" => 86_400_000L,
        _ => 60_000L,
    };

    /// <summary>The header suffix Binance uses: <c>1M</c>, <c>10S</c>, <c>1H</c>, <c>1D</c>.</summary>
    public string Suffix => IntervalNum.ToString(CultureInfo.InvariantCulture) + Interval[0];

    public bool IsWeight => Type == "REQUEST_WEIGHT";
}

/// <summary>
/// What a charge against the limits decided. <see cref="Error"/> is null when the request may proceed; otherwise
/// <see cref="HttpStatus"/> is 429 (limit exceeded, retry after <see cref="RetryAfterSeconds"/>) or 418 (banned).
/// <see cref="Counts"/> are the used counts per rule after this request, for the <c>X-MBX-…</c> headers and the WS
/// API's <c>rateLimits</c>.
/// </summary>
public readonly record struct LimitDecision(SimError? Error, long RetryAfterSeconds, IReadOnlyList<(RateLimitRule Rule, long Count)> Counts)
{
    public bool Allowed => Error is null;

    public int HttpStatus => Error?.HttpStatus ?? 200;
}

/// <summary>
/// Binance's rate limits as the sim's exchangeInfo states them (<c>rateLimits</c>; REQUEST_WEIGHT 2400/min,
/// ORDERS 1200/min and 300/10 s when it has none): request weight counted per client address, orders per account,
/// each in fixed windows aligned to the wall clock (the minute, the 10 s) as Binance resets them. A request over a
/// limit is answered 429 (-1003 weight, -1015 orders) with <c>Retry-After</c> (seconds to the window's end). A client
/// that keeps sending while told to wait (<see cref="IgnoredBeforeBan"/> requests) is banned with 418 for
/// <see cref="FirstBan"/>, doubling with each further ban up to <see cref="MaxBan"/> (Binance: 2 minutes to 3 days).
/// The <c>Limits:WeightPerMinute</c> fault replaces the per-minute weight limit. REST and the WS API charge the same
/// counters. Thread-safe (one lock; a few hundred ns per request).
/// </summary>
public sealed class SimLimits
{
    private readonly SimExchange _exchange;
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, int Rule), (long WindowStart, long Count)> _counts = [];
    private readonly Dictionary<string, ClientState> _clients = new(StringComparer.Ordinal);
    private RateLimitRule[] _rules = DefaultRules();

    internal SimLimits(SimExchange exchange) => _exchange = exchange;

    /// <summary>Wall clock, Unix ms (tests may replace it).</summary>
    public Func<long> ClockMs { get; set; } = () => TapeClock.WallClockMs;

    public TimeSpan FirstBan { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan MaxBan { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Requests a client may send inside its Retry-After before it is banned.</summary>
    public int IgnoredBeforeBan { get; set; } = 5;

    public IReadOnlyList<RateLimitRule> Rules => _rules;

    public long Refused429 { get; private set; }

    public long Refused418 { get; private set; }

    public static RateLimitRule[] DefaultRules() =>
    [
        new("REQUEST_WEIGHT", "MINUTE", 1, 2400),
        new("ORDERS", "MINUTE", 1, 1200),
        new("ORDERS", "SECOND", 10, 300),
    ];

    /// <summary>Reads exchangeInfo's <c>rateLimits</c>; keeps the defaults when it has none.</summary>
    public void Configure(string exchangeInfoJson)
    {
        if (string.IsNullOrWhiteSpace(exchangeInfoJson))
        {
            return;
        }

        using JsonDocument doc = JsonDocument.Parse(exchangeInfoJson);
        if (!doc.RootElement.TryGetProperty("rateLimits", out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var rules = new List<RateLimitRule>();
        foreach (JsonElement r in list.EnumerateArray())
        {
            string type = r.GetProperty("rateLimitType").GetString() ?? "";
            if (type is "REQUEST_WEIGHT" or "ORDERS")
            {
                rules.Add(new RateLimitRule(type, r.GetProperty("interval").GetString() ?? "MINUTE", r.GetProperty("intervalNum").GetInt32(), r.GetProperty("limit").GetInt64()));
            }
        }

        if (rules.Count > 0)
        {
            SetRules(rules);
        }
    }

    /// <summary>Replaces the rules (tests, the benchmark).</summary>
    public void SetRules(IEnumerable<RateLimitRule> rules)
    {
        lock (_gate)
        {
            _rules = [.. rules];
            _counts.Clear();
        }
    }

    /// <summary>Charges <paramref name="weight"/> to the client (its address) against every REQUEST_WEIGHT rule.</summary>
    public LimitDecision ChargeWeight(string client, int weight) => Charge(client, weight, weightRules: true, "-1003");

    /// <summary>Counts one new order for the account against every ORDERS rule.</summary>
    public LimitDecision ChargeOrder(string apiKey) => Charge(apiKey, 1, weightRules: false, "-1015");

    /// <summary>The current counts of a key without charging (the headers of a request refused before it was charged).</summary>
    public IReadOnlyList<(RateLimitRule Rule, long Count)> Peek(string key, bool weightRules)
    {
        lock (_gate)
        {
            long now = ClockMs();
            var counts = new List<(RateLimitRule, long)>();
            for (int i = 0; i < _rules.Length; i++)
            {
                if (_rules[i].IsWeight == weightRules)
                {
                    long start = now - (now % _rules[i].WindowMs);
                    counts.Add((_rules[i], _counts.TryGetValue((key, i), out var c) && c.WindowStart == start ? c.Count : 0));
                }
            }

            return counts;
        }
    }

    private LimitDecision Charge(string key, int amount, bool weightRules, string kind)
    {
        lock (_gate)
        {
            long now = ClockMs();
            if (!_clients.TryGetValue(key, out ClientState? state))
            {
                state = new ClientState();
                _clients[key] = state;
            }

            var counts = new List<(RateLimitRule, long)>(3);
            if (now < state.BannedUntilMs)
            {
                Refused418++;
                return new LimitDecision(Banned(key, state.BannedUntilMs), Seconds(state.BannedUntilMs - now), counts);
            }

            RateLimitRule? broken = null;
            long retryAtMs = 0;
            int weightLimitOverride = _exchange.Faults.Limits.WeightPerMinute;
            bool overridden = false;
            for (int i = 0; i < _rules.Length; i++)
            {
                RateLimitRule rule = _rules[i];
                if (rule.IsWeight != weightRules)
                {
                    continue;
                }

                long start = now - (now % rule.WindowMs);
                (long windowStart, long count) = _counts.TryGetValue((key, i), out var c) ? c : (start, 0);
                count = windowStart == start ? count + amount : amount;
                _counts[(key, i)] = (start, count);
                counts.Add((rule, count));
                long limit = rule.Limit;
                if (weightRules && weightLimitOverride > 0 && rule.WindowMs == 60_000)
                {
                    limit = weightLimitOverride;
                    overridden = true;
                }

                if (count > limit && broken is null)
                {
                    broken = rule with { Limit = limit };
                    retryAtMs = start + rule.WindowMs;
                }
            }

            if (broken is null)
            {
                return new LimitDecision(null, 0, counts);
            }

            if (now < state.RetryAtMs && ++state.Ignored > IgnoredBeforeBan)
            {
                TimeSpan ban = FirstBan * Math.Pow(2, Math.Min(state.Bans, 20));
                if (ban > MaxBan)
                {
                    ban = MaxBan;
                }

                state.Bans++;
                state.BannedUntilMs = now + (long)ban.TotalMilliseconds;
                state.Ignored = 0;
                Refused418++;
                return new LimitDecision(Banned(key, state.BannedUntilMs), Seconds(state.BannedUntilMs - now), counts);
            }

            if (now >= state.RetryAtMs)
            {
                state.Ignored = 0;
            }

            state.RetryAtMs = retryAtMs;
            Refused429++;
            if (overridden && broken.IsWeight && broken.WindowMs == 60_000)
            {
                _exchange.FaultsInjected.Count("Limits:WeightPerMinute");
            }

            string message = kind == "-1003"
                ? $"Too many requests; current limit of IP({key}) request weight per minute is {broken.Limit}. Please use WebSocket Streams for live updates to avoid polling the API."
                : $"Too many new orders; current limit is {broken.Limit} orders per {IntervalName(broken)}.";
            return new LimitDecision(new SimError(429, kind == "-1003" ? -1003 : -1015, message), Seconds(retryAtMs - now), counts);
        }
    }

    private static SimError Banned(string key, long untilMs) =>
        new(418, -1003, $"Way too many requests; IP({key}) banned until {untilMs}. Please use the websocket for live updates to avoid bans.");

    private static long Seconds(long ms) => Math.Max(1, (ms + 999) / 1000);

    private static string IntervalName(RateLimitRule rule) => rule.IntervalNum == 10 && rule.Interval == "SECOND" ? "TEN_SECONDS" : rule.Interval;

    private sealed class ClientState
    {
        public long RetryAtMs;
        public long BannedUntilMs;
        public int Ignored;
        public int Bans;
    }
}
