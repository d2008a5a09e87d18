using System.Globalization;
using Engine.Binance.Live.Alerts;

namespace Engine.Binance.Live.Account;

/// <summary>
/// The dead-man switch of a live run: on a timer of its own, every <see cref="DeadManOptions.Period"/>, it sends
/// <c>POST /fapi/v1/countdownCancelAll</c> (<c>symbol</c>, <c>countdownTime</c> = <see cref="DeadManOptions.Countdown"/>)
/// for each symbol, so if the process dies or loses the venue, Binance cancels the symbol's resting orders once the
/// countdown runs out. The Algo Service's conditional orders (the protective stops and take-profits) are not open
/// orders of that book and are kept (docs/live-trading.md: how the sim does it, what to confirm on the testnet).
/// <see cref="ArmAsync"/> sends the first heartbeat and says whether every symbol took it (start trading only then);
/// <see cref="StopAsync"/> ends the heartbeat and, on a clean stop, disarms (<c>countdownTime=0</c>). A failing
/// heartbeat is counted and alerted once per outage (and again when it recovers); the timer keeps trying.
/// </summary>
public sealed class DeadManSwitch : IAsyncDisposable
{
    private readonly SignedRestClient _rest;
    private readonly IReadOnlyList<string> _symbols;
    private readonly DeadManOptions _options;
    private readonly IAlertSink _alerts;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _heartbeats;
    private long _failures;
    private long _lastSuccessMs;
    private bool _failing;
    private string? _lastError;

    public DeadManSwitch(VenueAccess access, IReadOnlyList<string> symbols, DeadManOptions options, IAlertSink? alerts = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(options);
        _rest = new SignedRestClient(access);
        _symbols = symbols;
        _options = options;
        _alerts = alerts ?? NoAlerts.Instance;
    }

    /// <summary>Heartbeats the venue accepted (one per symbol per period).</summary>
    public long Heartbeats => Interlocked.Read(ref _heartbeats);

    /// <summary>Heartbeats that failed (no answer, an error).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Environment.TickCount64 of the last round every symbol accepted (0: never).</summary>
    public long LastSuccessTickMs => Interlocked.Read(ref _lastSuccessMs);

    /// <summary>The last failure's description (no key or secret in it), null when none.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>For the run report.</summary>
    public string Describe() => !_options.Enabled
        ? "dead-man switch: off"
        : string.Create(CultureInfo.InvariantCulture,
            $"dead-man switch: countdownCancelAll {_options.Countdown.TotalSeconds:0.###} s renewed every {_options.Period.TotalSeconds:0.###} s; {Heartbeats:N0} heartbeats, {Failures:N0} failed{(LastError is null ? "" : "; last failure: " + LastError)}");

    /// <summary>
    /// Sends the first heartbeat of every symbol and starts the timer. False when a symbol's heartbeat failed
    /// (<see cref="LastError"/> says why): the entries would not be covered, so <c>engine live</c> should not start.
    /// Disabled: true at once, no timer.
    /// </summary>
    public async Task<bool> ArmAsync(CancellationToken cancel = default)
    {
        if (!_options.Enabled)
        {
            return true;
        }

        if (_loop is not null)
        {
            throw new InvalidOperationException("the dead-man switch is armed already");
        }

        bool ok = await BeatAsync(_options.Countdown, cancel).ConfigureAwait(false);
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return ok;
    }

    /// <summary>
    /// Ends the heartbeat. <paramref name="disarm"/> (a clean stop): each symbol's countdown is stopped with
    /// <c>countdownTime=0</c>, so nothing is cancelled later. Without it the last countdown runs out on the venue as
    /// if the process had died (what a kill test wants).
    /// </summary>
    public async Task StopAsync(bool disarm)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
            _loop = null;
        }

        if (disarm && _options.Enabled)
        {
            await BeatAsync(TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_options.Period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                await BeatAsync(_options.Countdown, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>One countdownCancelAll per symbol; true when every symbol accepted it.</summary>
    private async Task<bool> BeatAsync(TimeSpan countdown, CancellationToken cancel)
    {
        string ms = ((long)countdown.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        bool all = true;
        foreach (string symbol in _symbols)
        {
            VenueReply reply;
            try
            {
                reply = await _rest.SignedAsync(HttpMethod.Post, "/fapi/v1/countdownCancelAll", $"symbol={symbol}&countdownTime={ms}", cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return false;
            }

            if (reply.Ok)
            {
                Interlocked.Increment(ref _heartbeats);
                continue;
            }

            all = false;
            Interlocked.Increment(ref _failures);
            Volatile.Write(ref _lastError, reply.Describe());
        }

        if (countdown > TimeSpan.Zero)
        {
            Report(all);
        }

        return all;
    }

    private void Report(bool ok)
    {
        if (ok)
        {
            Interlocked.Exchange(ref _lastSuccessMs, Environment.TickCount64);
            if (_failing)
            {
                _failing = false;
                _alerts.Raise(AlertKind.DeadManFailing, null, "dead-man heartbeat (countdownCancelAll) works again");
            }

            return;
        }

        if (!_failing)
        {
            _failing = true;
            _alerts.Raise(AlertKind.DeadManFailing, null,
                string.Create(CultureInfo.InvariantCulture, $"dead-man heartbeat (countdownCancelAll) failed: {LastError}; the venue cancels resting entries {_options.Countdown.TotalSeconds:0.###} s after the last heartbeat"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(disarm: false).ConfigureAwait(false);
        _rest.Dispose();
        _stop.Dispose();
    }
}
