using System.Buffers;
using System.Net.WebSockets;
using Engine.Model;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// The user data stream of binance-usdm §11.3: a listenKey (created, kept alive every
/// <see cref="UserStreamOptions.KeepaliveInterval"/>), a socket on <c>/private/ws?listenKey=</c>, and every frame
/// decoded into venue reports and account updates for <see cref="IUserEventSink"/>. When the key expires
/// (<c>listenKeyExpired</c>), a keepalive fails or the socket drops, it makes a new key (the same one while it is valid,
/// as Binance does) and a new socket, and then reconciles (<see cref="UserReconciler"/>) so nothing that happened in the
/// gap is lost. Runs until stopped; failures are counted and retried with a capped, jittered back-off, never thrown.
/// </summary>
public sealed partial class UserDataStream : IDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly UserStreamOptions _options;
    private readonly UserEventParser _parser;
    private readonly UserOrderTracker _tracker;
    private readonly UserRestClient _rest;
    private readonly UserReconciler _reconciler;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);

    public UserDataStream(UserStreamOptions options, SymbolRegistry symbols, IUserEventSink sink, UserStreamStatistics? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Statistics = statistics ?? new UserStreamStatistics();
        _parser = new UserEventParser(symbols, options.ClientIdPrefix);
        _tracker = new UserOrderTracker(sink, Statistics);
        _rest = new UserRestClient(options);
        _reconciler = new UserReconciler(_rest, _tracker, symbols, options, Statistics);
    }

    public UserStreamStatistics Statistics { get; }

    /// <summary>Called (on the stream's thread) with one line for the operator: a reconnect, an expiry, a failed call, a recovered fill.</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>The key in use; null before the first one and between sockets.</summary>
    public string? ListenKey { get; private set; }

    /// <summary>Connects, and reconnects whenever the socket or key is lost, until <paramref name="stop"/>; then closes the key.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        int failures = 0;
        Interlocked.Exchange(ref Statistics.DownSinceTicks, DateTime.UtcNow.Ticks);
        while (!stop.IsCancellationRequested)
        {
            string why;
            try
            {
                why = await SessionAsync(stop).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is UserStreamException or WebSocketException or HttpRequestException or OperationCanceledException)
            {
                failures++;
                why = e.Message;
            }

            MarkDown();
            if (stop.IsCancellationRequested)
            {
                break;
            }

            Notice?.Invoke($"user stream: {why}; reconnecting");
            await DelayAsync(failures, stop).ConfigureAwait(false);
        }

        MarkDown();
        await CloseKeyAsync().ConfigureAwait(false);
    }

    /// <summary>One key and one socket, reconciled once the socket is up; returns why it ended.</summary>
    private async Task<string> SessionAsync(CancellationToken stop)
    {
        ListenKey = await _rest.ListenKeyAsync(HttpMethod.Post, stop).ConfigureAwait(false)
            ?? throw new UserStreamException("POST /fapi/v1/listenKey answered without a listenKey");
        UserStreamStatistics.Add(ref Statistics.KeysCreatedField);
        using var socket = new ClientWebSocket();
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stop);
        await socket.ConnectAsync(SocketUri(ListenKey), session.Token).ConfigureAwait(false);
        UserStreamStatistics.Add(ref Statistics.ConnectsField);
        Interlocked.Exchange(ref Statistics.ConnectedSinceTicks, DateTime.UtcNow.Ticks);

        // Subscribed first, reconciled second: whatever happens from here on arrives on the socket, whatever happened
        // before is in the venue's answers, and a fill in both is reported once (the tracker keys fills by trade id).
        await ReconcileAsync(stop).ConfigureAwait(false);

        Task<string> keepalive = KeepaliveAsync(session.Token);
        Task<string> receive = ReceiveAsync(socket, session.Token);
        Task<string> first = await Task.WhenAny(keepalive, receive).ConfigureAwait(false);
        await session.CancelAsync().ConfigureAwait(false);
        string why = await first.ConfigureAwait(false);
        try
        {
            await Task.WhenAll(keepalive, receive).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the other half, stopped by the cancel above
        }

        socket.Abort();
        return why;
    }

    private async Task ReconcileAsync(CancellationToken stop)
    {
        UserStreamStatistics.Add(ref Statistics.ReconciliationsField);
        try
        {
            string summary = await _reconciler.RunAsync(stop).ConfigureAwait(false);
            if (summary.Length != 0)
            {
                Notice?.Invoke("user stream reconciliation: " + summary);
            }
        }
        catch (Exception e) when (e is UserStreamException or HttpRequestException or System.Text.Json.JsonException || (e is OperationCanceledException && !stop.IsCancellationRequested))
        {
            UserStreamStatistics.Add(ref Statistics.ReconciliationFailuresField);
            throw new UserStreamException("reconciliation failed: " + e.Message, e); // a new session retries it
        }
    }

    /// <summary>Renews the key every interval; ends the session (new key, new socket) when a renewal fails.</summary>
    private async Task<string> KeepaliveAsync(CancellationToken session)
    {
        while (true)
        {
            await Task.Delay(_options.KeepaliveInterval, session).ConfigureAwait(false);
            try
            {
                await _rest.ListenKeyAsync(HttpMethod.Put, session).ConfigureAwait(false);
                UserStreamStatistics.Add(ref Statistics.KeepalivesField);
            }
            catch (Exception e) when (e is UserStreamException or HttpRequestException || (e is OperationCanceledException && !session.IsCancellationRequested))
            {
                UserStreamStatistics.Add(ref Statistics.KeepaliveFailuresField);
                return "listenKey keepalive failed (" + e.Message + ")";
            }
        }
    }

    private Uri SocketUri(string key)
    {
        var b = new UriBuilder(_options.WebSocketBase) { Path = "/private/ws", Query = "listenKey=" + Uri.EscapeDataString(key) };
        if (b.Scheme == Uri.UriSchemeHttp)
        {
            b.Scheme = "ws";
        }
        else if (b.Scheme == Uri.UriSchemeHttps)
        {
            b.Scheme = "wss";
        }

        return b.Uri;
    }

    private void MarkDown()
    {
        if (Interlocked.Exchange(ref Statistics.ConnectedSinceTicks, 0) != 0)
        {
            UserStreamStatistics.Add(ref Statistics.DisconnectsField);
            Interlocked.Exchange(ref Statistics.DownSinceTicks, DateTime.UtcNow.Ticks);
        }

        ListenKey = null;
    }

    private Task DelayAsync(int failures, CancellationToken stop)
    {
        double ms = Math.Min(_options.MaxReconnectDelay.TotalMilliseconds, _options.ReconnectDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 16)));
        ms *= 0.75 + (Random.Shared.NextDouble() * 0.5);
        return Task.Delay(TimeSpan.FromMilliseconds(ms), stop).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    /// <summary>DELETE the key at the end of the run (best effort: an expired key is gone anyway).</summary>
    private async Task CloseKeyAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            await _rest.ListenKeyAsync(HttpMethod.Delete, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is UserStreamException or HttpRequestException or OperationCanceledException)
        {
            Notice?.Invoke("user stream: closing the listenKey failed: " + e.Message);
        }
    }

    public void Dispose()
    {
        _rest.Dispose();
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length != 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
