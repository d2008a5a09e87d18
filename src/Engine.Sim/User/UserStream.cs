using System.Globalization;
using System.Text;
using Engine.Sim.Faults;
using Engine.Sim.Tape;

namespace Engine.Sim.User;

/// <summary>
/// The user data stream: listenKeys, the sockets on them, delivery of the desk's events to every live socket of the
/// account, and the wall-clock work (listenKey expiry with its <c>listenKeyExpired</c> event, the User:DropEverySeconds
/// fault, held events) done by one background loop.
/// </summary>
internal sealed class UserStream : IDisposable
{
    /// <summary>How often the background loop looks at expiries and faults (wall clock).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private readonly SimOptions _options;
    private readonly SimFaults _faults;
    private readonly FaultCounters _counters;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<UserSocket> _scratch = []; // publisher's copy of the sockets; guarded by _publishGate
    private readonly object _publishGate = new();
    private Task _loop = Task.CompletedTask;
    private long _lastDropMs;

    public UserStream(SimOptions options, SimFaults faults, FaultCounters counters)
    {
        _options = options;
        _faults = faults;
        _counters = counters;
    }

    public ListenKeys Keys { get; } = new();

    public UserStreamStats Stats { get; } = new();

    /// <summary>Cancelled when the sim stops: open sockets end.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>How long a key lives after creation or keepalive: the User:ListenKeyExpireSeconds fault when set, else the option (60 min).</summary>
    public TimeSpan Validity
    {
        get
        {
            double faultSeconds = _faults.User.ListenKeyExpireSeconds;
            return faultSeconds > 0 ? TimeSpan.FromSeconds(faultSeconds) : _options.User.ListenKeyValidity;
        }
    }

    public static long NowMs => TapeClock.WallClockMs;

    public void Start()
    {
        _lastDropMs = NowMs;
        _loop = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>Delivers one event of the account with <paramref name="apiKey"/> to every socket of its live listenKey.</summary>
    public void Publish(string apiKey, string eventType, ReadOnlySpan<byte> json)
    {
        Stats.Published();
        long now = NowMs;
        UserFaults faults = _faults.User;
        lock (_publishGate) // one publisher at a time keeps each socket's events in publish order
        {
            Keys.SocketsOf(apiKey, _scratch);
            if (_scratch.Count == 0)
            {
                Stats.Undelivered();
                return;
            }

            foreach (UserSocket socket in _scratch)
            {
                socket.Offer(eventType, json, faults, _counters, now);
            }
        }
    }

    /// <summary>One pass of the background loop (tests call it directly through the loop's timing).</summary>
    internal void Sweep(long nowMs)
    {
        foreach (ListenKey key in Keys.RemoveExpired(nowMs))
        {
            Stats.KeyExpired();
            if (_faults.User.ListenKeyExpireSeconds > 0)
            {
                _counters.Count(UserFaultNames.ListenKeyExpire);
            }

            byte[] expired = ExpiredEvent(key.Value, nowMs);
            lock (_publishGate)
            {
                foreach (UserSocket socket in Keys.SocketsOn(key))
                {
                    socket.OfferControl(expired);
                }
            }
        }

        double dropEvery = _faults.User.DropEverySeconds;
        if (dropEvery > 0 && nowMs - _lastDropMs >= dropEvery * 1000)
        {
            _lastDropMs = nowMs;
            var sockets = new List<UserSocket>();
            Keys.AllSockets(sockets);
            foreach (UserSocket socket in sockets)
            {
                if (socket.IsLive)
                {
                    _counters.Count(UserFaultNames.Drop); // counted first: a client may see the drop before this thread goes on
                    socket.Abort();
                }
            }
        }
        else if (dropEvery <= 0)
        {
            _lastDropMs = nowMs; // the period starts when the fault is switched on
        }

        lock (_publishGate)
        {
            Keys.AllSockets(_scratch);
            foreach (UserSocket socket in _scratch)
            {
                socket.FlushStaleHeld(nowMs);
            }
        }
    }

    /// <summary>
    /// <c>{"e":"listenKeyExpired","E":"…","listenKey":"…"}</c>, as Binance's USD-M page gives it (its example carries
    /// the event time as a string).
    /// </summary>
    internal static byte[] ExpiredEvent(string listenKey, long nowMs) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"e\":\"listenKeyExpired\",\"E\":\"{nowMs}\",\"listenKey\":\"{listenKey}\"}}"));

    private async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                Sweep(NowMs);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // the loop ends by cancellation
        }

        _stopping.Dispose();
    }
}
