using System.Globalization;
using Engine.Binance.Live.Account;
using Engine.Binance.Live.Alerts;
using Engine.Binance.Live.Health;
using Engine.Binance.Live.Reconcile;

namespace Engine.Cli.Configuration;

/// <summary>Which venue <c>engine live</c> trades on (<c>Venue:Environment</c>). Market data and orders always come from the same one.</summary>
public enum VenueEnvironment
{
    /// <summary>Binance's futures testnet (no real money): <c>https://testnet.binancefuture.com</c>, <c>wss://fstream.binancefuture.com</c>.</summary>
    Testnet,

    /// <summary>Binance USD-M production: real money; needs <c>--i-understand-this-trades-real-money</c>.</summary>
    Production,

    /// <summary><c>--endpoint URL</c>, one base for every path (engine sim); beyond loopback or a known testnet host it needs the same flag.</summary>
    Custom,
}

/// <summary>How orders reach the venue (<c>Venue:Transport</c>); the other transport is the fallback.</summary>
public enum OrderTransportKind
{
    /// <summary>The WS API when the key is Ed25519 (its <c>session.logon</c> needs one), REST otherwise.</summary>
    Auto,

    /// <summary>WebSocket API order entry (<c>/ws-fapi/v1</c>); REST is the fallback.</summary>
    WsApi,

    /// <summary>REST (<c>POST /fapi/v1/order</c>); the WS API is the fallback when the key is Ed25519.</summary>
    Rest,
}

/// <summary>The venue of <c>engine live</c> (config section <c>Venue</c>): environment, keys, transport, start and stop.</summary>
public sealed class VenueOptions
{
    public VenueEnvironment Environment { get; set; } = VenueEnvironment.Testnet;

    public OrderTransportKind Transport { get; set; } = OrderTransportKind.Auto;

    /// <summary>A JSON key file (mode 0600); empty: the <c>BINANCE_API_KEY</c> environment variables.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Binance's <c>recvWindow</c> on every signed request, ms.</summary>
    public long RecvWindowMs { get; set; } = 5000;

    /// <summary>The prefix of every <c>newClientOrderId</c> / <c>clientAlgoId</c> (letters and digits, at most 8).</summary>
    public string ClientIdPrefix { get; set; } = "eng";

    /// <summary>At a stop, close open positions at market too (otherwise they stay, protected by their stops).</summary>
    public bool FlattenOnStop { get; set; }

    /// <summary>How long a stop waits for the venue to confirm the entries' cancels (and the flatten), seconds.</summary>
    public double StopWaitSeconds { get; set; } = 15;

    /// <summary>How long the start (user stream up, reconciliation) may take before the run refuses to trade, seconds.</summary>
    public double StartTimeoutSeconds { get; set; } = 60;

    /// <summary>Orders at the venue the engine does not know, found at start: cancelled (default) or adopted.</summary>
    public UnknownOrderPolicy UnknownOrders { get; set; } = UnknownOrderPolicy.Cancel;

    /// <summary>The stop distance (% of the entry) given to a position found without a protective stop at start.</summary>
    public double ProtectiveStopPercent { get; set; } = 1.0;

    public void Validate(ICollection<string> errors)
    {
        if (RecvWindowMs is < 1 or > 60_000)
        {
            errors.Add(Invariant($"Venue:RecvWindowMs = {RecvWindowMs}: must be from 1 to 60000 ms (Binance's limit)"));
        }

        if (string.IsNullOrEmpty(ClientIdPrefix) || ClientIdPrefix.Length > 8 || !ClientIdPrefix.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add($"Venue:ClientIdPrefix = '{ClientIdPrefix}': must be 1 to 8 letters or digits");
        }

        if (!(StopWaitSeconds >= 0) || StopWaitSeconds > 600)
        {
            errors.Add(Invariant($"Venue:StopWaitSeconds = {StopWaitSeconds}: must be from 0 to 600 seconds"));
        }

        if (!(StartTimeoutSeconds >= 1) || StartTimeoutSeconds > 3600)
        {
            errors.Add(Invariant($"Venue:StartTimeoutSeconds = {StartTimeoutSeconds}: must be from 1 to 3600 seconds"));
        }

        if (!(ProtectiveStopPercent > 0) || ProtectiveStopPercent >= 100)
        {
            errors.Add(Invariant($"Venue:ProtectiveStopPercent = {ProtectiveStopPercent}: must be above 0 and below 100"));
        }
    }

    /// <summary>The reconciliation's settings (tick sizes from exchangeInfo).</summary>
    public ReconcileOptions ToReconcile(IReadOnlyDictionary<string, Engine.Model.Price> tickSizes) => new()
    {
        UnknownOrders = UnknownOrders,
        ProtectiveStopPercent = ProtectiveStopPercent,
        TickSizes = tickSizes,
    };

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The account checks at start (config section <c>Account</c>): leverage and margin type per symbol, a balance floor.</summary>
public sealed class AccountSettings
{
    /// <summary>The leverage every symbol must have (checked, and set when it differs).</summary>
    public int Leverage { get; set; } = 5;

    /// <summary><c>CROSSED</c> or <c>ISOLATED</c>.</summary>
    public string MarginType { get; set; } = "CROSSED";

    /// <summary>The least available USDT balance the run starts with.</summary>
    public decimal MinAvailableBalance { get; set; }

    public AccountCheckOptions ToOptions() => new() { Leverage = Leverage, MarginType = MarginType, MinAvailableBalance = MinAvailableBalance };
}

/// <summary>The dead-man switch (config section <c>DeadMan</c>): Binance's <c>countdownCancelAll</c> heartbeat.</summary>
public sealed class DeadManSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between heartbeats.</summary>
    public double PeriodSeconds { get; set; } = 30;

    /// <summary>Seconds after the last heartbeat at which the venue cancels the entries.</summary>
    public double CountdownSeconds { get; set; } = 120;

    public DeadManOptions ToOptions() => new()
    {
        Enabled = Enabled,
        Period = TimeSpan.FromSeconds(PeriodSeconds),
        Countdown = TimeSpan.FromSeconds(CountdownSeconds),
    };
}

/// <summary>The health rule (config section <c>Health</c>).</summary>
public sealed class HealthSettings
{
    /// <summary>Seconds the market feed or user stream may be down while a position is open before the engine halts (or flattens).</summary>
    public double MaxDownWithPositionSeconds { get; set; } = 30;

    /// <summary>Flatten instead of halting when the rule fires.</summary>
    public bool Flatten { get; set; }

    /// <summary>Reconnects of one link within <see cref="ReconnectStormWindowSeconds"/> that raise a reconnect-storm alert.</summary>
    public int ReconnectStormCount { get; set; } = 5;

    public double ReconnectStormWindowSeconds { get; set; } = 60;

    public HealthOptions ToOptions() => new()
    {
        MaxDownWithPosition = TimeSpan.FromSeconds(MaxDownWithPositionSeconds),
        Flatten = Flatten,
        ReconnectStormCount = ReconnectStormCount,
        ReconnectStormWindow = TimeSpan.FromSeconds(ReconnectStormWindowSeconds),
    };
}

/// <summary>Alerts (config section <c>Alerts</c>): a webhook that receives one JSON object per alert.</summary>
public sealed class AlertSettings
{
    /// <summary>The webhook; it may carry a token, so <c>config show</c> never prints it. Empty: alerts go to the console only.</summary>
    public string? WebhookUrl { get; set; }

    public int MaxPerMinute { get; set; } = 20;

    public AlertOptions ToOptions(string source) => new() { WebhookUrl = WebhookUrl, MaxPerMinute = MaxPerMinute, Source = source };
}
