using System.Diagnostics;
using System.Net.WebSockets;
using Engine.Sim.Trading;

namespace Engine.Sim.User.WsApi;

/// <summary>
/// One WS API connection: its session (the account logged on with <c>session.logon</c>, since when), the receive loop
/// that answers requests in the order they arrive, one send at a time, and the close at the connection lifetime.
/// </summary>
internal sealed class WsApiConnection : IDisposable
{
    /// <summary>Largest request accepted; a bigger one closes the connection (1009, message too big).</summary>
    private const int MaxRequestBytes = 64 * 1024;

    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private bool _abortedByUs; // set before any abort of ours, so a runtime abort (missed pong) can be told apart

    public WsApiConnection(WebSocket socket, SimExchange exchange, string client, bool returnRateLimits)
    {
        _socket = socket;
        Exchange = exchange;
        Client = client;
        ReturnRateLimits = returnRateLimits;
        ConnectedSinceMs = exchange.ServerTimeMs;
    }

    public SimExchange Exchange { get; }

    /// <summary>The address request weight is counted for.</summary>
    public string Client { get; }

    /// <summary>False when the client connected with <c>returnRateLimits=false</c>: responses leave <c>rateLimits</c> out.</summary>
    public bool ReturnRateLimits { get; }

    public long ConnectedSinceMs { get; }

    /// <summary>The account of <c>session.logon</c>; null before it and after <c>session.logout</c>.</summary>
    public SimAccount? Account { get; private set; }

    public long? AuthorizedSinceMs { get; private set; }

    public void LogOn(SimAccount account)
    {
        Account = account;
        AuthorizedSinceMs = Exchange.ServerTimeMs;
    }

    public void LogOut()
    {
        Account = null;
        AuthorizedSinceMs = null;
    }

    public async Task RunAsync(TimeSpan lifetime, WsApiStats stats, CancellationToken stopping)
    {
        using CancellationTokenRegistration onStop = stopping.Register(static s => ((WsApiConnection)s!).Abort(), this);
        using var ended = new CancellationTokenSource();
        Task lifetimeClose = CloseAtLifetimeAsync(lifetime, stats, ended.Token);
        byte[] buffer = new byte[MaxRequestBytes];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    if (length == buffer.Length)
                    {
                        await CloseAsync(WebSocketCloseStatus.MessageTooBig, "request too large").ConfigureAwait(false);
                        return;
                    }

                    r = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    length += r.Count;
                }
                while (!r.EndOfMessage && r.MessageType != WebSocketMessageType.Close);

                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
                    break;
                }

                long received = Stopwatch.GetTimestamp();
                byte[]? response = await WsApiMethods.HandleAsync(this, buffer.AsMemory(0, length), received).ConfigureAwait(false);
                if (response is not null)
                {
                    await SendAsync(response).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (e is OperationCanceledException && !Volatile.Read(ref _abortedByUs))
            {
                stats.PongTimedOut(); // the runtime's keep-alive aborted the socket: no pong in time
            }
        }
        finally
        {
            await ended.CancelAsync().ConfigureAwait(false);
            await lifetimeClose.ConfigureAwait(false);
        }
    }

    public void Dispose() => _sendGate.Dispose();

    public void Abort()
    {
        Volatile.Write(ref _abortedByUs, true);
        _socket.Abort();
    }

    private async Task SendAsync(byte[] frame)
    {
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status, reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // already gone
        }
        finally
        {
            _sendGate.Release();
        }
    }

    private async Task CloseAtLifetimeAsync(TimeSpan lifetime, WsApiStats stats, CancellationToken ended)
    {
        try
        {
            await Task.Delay(lifetime, ended).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        stats.LifetimeClosed();
        await CloseAsync(WebSocketCloseStatus.NormalClosure, "connection lifetime reached").ConfigureAwait(false);
    }
}
