using System.Globalization;
using Engine.Model;
using Engine.Sim.Trading;

namespace Engine.Sim;

/// <summary>The trading side: accounts, request security, rate limits and the desk that matches orders against the tape.</summary>
public sealed partial class SimExchange
{
    private readonly Lock _tradingGate = new();
    private readonly Random _faultDice = new(15);
    private SimAccounts? _accounts;
    private RequestAuth? _auth;
    private SimLimits? _limits;
    private SimTradingDesk? _desk;
    private Timer? _countdownTimer;

    /// <summary>The accounts (<c>--accounts FILE</c>, else the made-up test account); may be set before the server starts.</summary>
    public SimAccounts Accounts
    {
        get
        {
            lock (_tradingGate)
            {
                return _accounts ??= SimAccounts.LoadOrDefault(Options.AccountsFile);
            }
        }

        set
        {
            lock (_tradingGate)
            {
                if (_desk is not null)
                {
                    throw new InvalidOperationException("accounts are set before the desk opens");
                }

                _accounts = value;
            }
        }
    }

    /// <summary>Request security (API key, timestamp window, signatures) for REST and the WS API.</summary>
    public RequestAuth Auth
    {
        get
        {
            SimAccounts accounts = Accounts;
            lock (_tradingGate)
            {
                return _auth ??= new RequestAuth(this, accounts);
            }
        }
    }

    /// <summary>The request-weight and order-count limiter REST and the WS API charge.</summary>
    public SimLimits Limits
    {
        get
        {
            lock (_tradingGate)
            {
                return _limits ??= new SimLimits(this);
            }
        }
    }

    /// <summary>The order operations REST and the WS API call (one implementation).</summary>
    public SimTradingDesk Desk
    {
        get
        {
            SimAccounts accounts = Accounts;
            lock (_tradingGate)
            {
                return _desk ??= new SimTradingDesk(this, accounts, DeskSymbols.Build(Tape, ExchangeInfoJson));
            }
        }
    }

    /// <summary>Sees every user event the desk publishes, before the user stream delivers it (tests).</summary>
    internal Action<string, string, ReadOnlyMemory<byte>>? UserEventTap { get; set; }

    /// <summary>User events the desk published.</summary>
    public long UserEventsPublished => Interlocked.Read(ref _userEvents);

    private long _userEvents;

    /// <summary>The desk's way out for user events: counted, shown to the tap, handed to the user stream.</summary>
    internal void DeskPublish(string apiKey, string eventType, byte[] json)
    {
        Interlocked.Increment(ref _userEvents);
        UserEventTap?.Invoke(apiKey, eventType, json);
        PublishUserEvent(apiKey, eventType, json);
    }

    /// <summary>True with probability <paramref name="rate"/> (fault injection; seeded, so a run's draws repeat).</summary>
    internal bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_faultDice)
        {
            return rate >= 1 || _faultDice.NextDouble() < rate;
        }
    }

    partial void StartTrading()
    {
        Limits.Configure(ExchangeInfoJson);
        SimTradingDesk desk = Desk;
        _countdownTimer = new Timer(_ => desk.ExpireCountdowns(), null, 10, 10); // countdownCancelAll, checked every ~10 ms as Binance does
    }

    partial void TradingOnTapeTrade(in Trade trade) => Desk.OnTrade(in trade);

    partial void AddTradingStartupLines(List<string> lines)
    {
        if (Accounts.IsDefault)
        {
            SimAccount a = Accounts.All[0];
            lines.Add($"sim: test account (made up for this run, HMAC): apiKey={a.ApiKey} secretKey={a.SecretKey} USDT={a.Balances["USDT"].ToString(CultureInfo.InvariantCulture)}");
        }
        else
        {
            lines.Add($"sim: {Accounts.All.Count} account(s) from {Options.AccountsFile}");
        }
    }

    partial void AppendTradingReport(System.Text.StringBuilder report)
    {
        SimTradingDesk d = Desk;
        var inv = CultureInfo.InvariantCulture;
        report.Append("## Trading\n\n");
        report.Append(inv, $"- Orders accepted {d.OrdersAccepted:N0}, rejected {d.OrdersRejected:N0}, canceled {d.OrdersCanceled:N0}; fills {d.Fills:N0}; conditional orders triggered {d.AlgoOrdersTriggered:N0}\n");
        report.Append(inv, $"- countdownCancelAll: {d.CountdownsExpired:N0} countdowns ran out, {d.CountdownCancels:N0} orders cancelled by them\n");
        report.Append(inv, $"- Requests refused by request security {Auth.Refused:N0}; by rate limits 429 ×{Limits.Refused429:N0}, 418 ×{Limits.Refused418:N0}\n\n");
    }

    partial void DisposeTrading() => _countdownTimer?.Dispose();
}
