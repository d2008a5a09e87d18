using System.Collections.Concurrent;
using System.Text.Json;

namespace Engine.Sim.Faults;

/// <summary>
/// The faults <c>engine sim</c> injects (<c>--faults FILE</c>, JSON with one object per section, e.g.
/// <c>{"Market":{"DisconnectEverySeconds":45}}</c>). Every key is off (0) by default. Values may be changed while the
/// sim runs (admin endpoint); readers take the current value each time they decide.
/// </summary>
public sealed class SimFaults
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public MarketFaults Market { get; set; } = new();

    public OrderFaults Orders { get; set; } = new();

    public ClockFaults Clock { get; set; } = new();

    public UserFaults User { get; set; } = new();

    public LimitFaults Limits { get; set; } = new();

    /// <summary>Reads a faults file; an unknown section or key is an error that names it (a typo must not silently inject nothing).</summary>
    public static SimFaults Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<SimFaults>(File.ReadAllText(path), Json) ?? new SimFaults();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a faults file: {e.Message}", e);
        }
    }

    public static SimFaults Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SimFaults>(json, Json) ?? new SimFaults();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"faults: {e.Message}", e);
        }
    }
}

public sealed class MarketFaults
{
    /// <summary>Drop every market socket every N seconds of tape time.</summary>
    public double DisconnectEverySeconds { get; set; }

    /// <summary>Every N seconds of tape time, silently omit a run of aggTrades from the streams (recoverable only by REST backfill).</summary>
    public double SkipEverySeconds { get; set; }

    /// <summary>Length of each omitted run, in aggTrades.</summary>
    public int SkipCount { get; set; } = 5;

    /// <summary>Stall the market streams this long (wall ms) once per <see cref="StallEverySeconds"/> of tape time.</summary>
    public int StallMs { get; set; }

    public double StallEverySeconds { get; set; } = 30;

    /// <summary>Probability that a market frame is sent twice.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>Probability that a <c>GET /fapi/v1/aggTrades</c> (the backfill) is answered 503 instead.</summary>
    public double AggTradesHttp5xxRate { get; set; }
}

public sealed class OrderFaults
{
    /// <summary>Probability that an order request is answered 503.</summary>
    public double Http5xxRate { get; set; }

    /// <summary>Whether the order behind an injected 5xx was placed anyway (the unknown-outcome case).</summary>
    public bool Http5xxPlaced { get; set; }

    /// <summary>Probability that an order request gets no answer (the connection is held, then dropped).</summary>
    public double TimeoutRate { get; set; }

    /// <summary>Added latency before an order request is handled, wall ms.</summary>
    public int LatencyMs { get; set; }
}

public sealed class ClockFaults
{
    /// <summary>The server's clock runs this far off (ms, signed): requests signed on the client's clock get -1021 until it re-syncs from /fapi/v1/time.</summary>
    public long SkewMs { get; set; }
}

public sealed class UserFaults
{
    /// <summary>listenKeys expire this many wall seconds after their last keepalive (instead of 60 min).</summary>
    public double ListenKeyExpireSeconds { get; set; }

    /// <summary>Drop every user-data socket every N wall seconds.</summary>
    public double DropEverySeconds { get; set; }

    public double DuplicateRate { get; set; }

    /// <summary>Probability that a user-data event is held back and sent after the next one.</summary>
    public double ReorderRate { get; set; }
}

public sealed class LimitFaults
{
    /// <summary>Request weight allowed per minute (instead of exchangeInfo's REQUEST_WEIGHT limit).</summary>
    public int WeightPerMinute { get; set; }
}

/// <summary>How many times each fault was injected, by name (<c>Market:DisconnectEverySeconds</c>…), for the report and for tests.</summary>
public sealed class FaultCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Count(string fault, long n = 1) => _counts.AddOrUpdate(fault, n, (_, v) => v + n);

    public long this[string fault] => _counts.TryGetValue(fault, out long v) ? v : 0;

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
}
