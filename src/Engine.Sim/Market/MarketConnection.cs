using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Engine.Sim.Market;

/// <summary>
/// One market socket: its subscriptions, its queue of frames and the task that writes them (one WebSocket
/// message per frame, flushed in batches), and its receive loop (SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, the
/// incoming-message limit). Closed at the end of its lifetime, on too many messages, on a missed pong, or by a fault.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "RunAsync owns the connection's lifetime and disposes its token source when the socket closes")]
internal sealed partial class MarketConnection
{
    private const int MaxQueuedFrames = 1 << 20;
    private readonly HttpContext _http;
    private readonly WebSocket _socket;
    private readonly WireStream _wire;
    private readonly MarketService _market;
    private readonly Channel<MarketFrame> _queue = Channel.CreateBounded<MarketFrame>(new BoundedChannelOptions(MaxQueuedFrames)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _subscriptions = [];
    private readonly long[] _recentMessages;
    private int _recentIndex;
    private string? _closeReason;
    private long _closeDeadline;

    public MarketConnection(HttpContext http, WebSocket socket, WireStream wire, MarketService market, bool combined, StreamRoute route)
    {
        _http = http;
        _socket = socket;
        _wire = wire;
        _market = market;
        Combined = combined;
        Route = route;
        _recentMessages = new long[Math.Max(1, market.Limits.IncomingMessagesPerSecond)];
    }

    public bool Combined { get; }

    public StreamRoute Route { get; }

    /// <summary>Queues a frame for the sender (player thread). A client too slow to keep up with a million queued frames is dropped.</summary>
    public void Enqueue(MarketFrame frame)
    {
        if (!_queue.Writer.TryWrite(frame) && _closeReason is null)
        {
            Drop("slow client (1,048,576 frames queued)");
        }
    }

    /// <summary>Closes the socket at once, no close frame (a dropped connection).</summary>
    public void Drop(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is null)
        {
            Abort();
        }
    }

    private void Abort()
    {
        _socket.Abort();
        _http.Abort();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // RunAsync has already finished
        }
    }

    /// <summary>Serves the socket until it closes; <paramref name="initial"/> are the streams named in its URL.</summary>
    public async Task RunAsync(IReadOnlyList<string> initial)
    {
        _market.Hub.Add(this);
        try
        {
            if (initial.Count > 0)
            {
                lock (_subscriptions)
                {
                    AddStreams(initial);
                }
            }

            // A cancelled receive aborts a .NET WebSocket, so the receive loop never takes a token: the lifetime sends a
            // close frame, and a watchdog turns a keep-alive abort (no pong) into a dropped connection.
            using var lifetime = new Timer(_ => _ = CloseAsync("lifetime reached", WebSocketCloseStatus.NormalClosure, "connection lifetime"), null, _market.Limits.ConnectionLifetime, Timeout.InfiniteTimeSpan);
            TimeSpan every = TimeSpan.FromMilliseconds(Math.Clamp(_market.Limits.PongTimeout.TotalMilliseconds / 4, 20, 1000));
            using var watchdog = new Timer(_ => Watch(), null, every, every);
            Task sender = SendLoopAsync();
            await ReceiveLoopAsync().ConfigureAwait(false);
            await _stop.CancelAsync().ConfigureAwait(false);
            await sender.ConfigureAwait(false);
        }
        finally
        {
            _market.Hub.Remove(this, Interlocked.CompareExchange(ref _closeReason, "closed by the client", null) ?? "closed by the client");
            _stop.Dispose();
            _socket.Dispose();
            await _wire.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        ChannelReader<MarketFrame> reader = _queue.Reader;
        CancellationToken stop = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                bool trade = false;
                while (reader.TryRead(out MarketFrame? frame))
                {
                    await _wire.AppendTextFrameAsync(Combined ? frame.Combined : frame.Raw, stop).ConfigureAwait(false);
                    _market.Hub.CountSent(frame.Stream);
                    trade |= frame.IsTradeFrame;
                }

                await _wire.FlushAsync(stop).ConfigureAwait(false);
                if (trade)
                {
                    _market.TradeFrameSent(Stopwatch.GetTimestamp());
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the connection is going away; the receive loop or Drop names why
        }
        finally
        {
            if (!stop.IsCancellationRequested)
            {
                Drop("send failed");
            }
        }
    }

    private void Watch()
    {
        if (_socket.State == WebSocketState.Aborted)
        {
            Drop($"no pong within {_market.Limits.PongTimeout.TotalSeconds:0.###} s of a ping");
        }
        else if (_closeReason is not null && _socket.State == WebSocketState.CloseSent && Environment.TickCount64 > _closeDeadline)
        {
            Abort(); // closed by the sim, and the client never answered the close frame
        }
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[4096];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult r = await _socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    Interlocked.CompareExchange(ref _closeReason, "closed by the client", null);
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }

                message.Write(buffer, 0, r.Count);
                if (message.Length > 64 * 1024)
                {
                    Drop("message over 64 KB");
                    return;
                }

                if (!r.EndOfMessage)
                {
                    continue;
                }

                if (TooManyMessages())
                {
                    await CloseAsync($"more than {_recentMessages.Length} incoming messages in one second", WebSocketCloseStatus.PolicyViolation, "too many messages").ConfigureAwait(false);
                    return;
                }

                byte[] reply = HandleRequest(message.ToArray());
                message.SetLength(0);
                await _socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            Interlocked.CompareExchange(ref _closeReason, _socket.State == WebSocketState.Aborted ? "aborted (no pong, or the client went away)" : "connection error", null);
        }
    }

    /// <summary>Sends a close frame after whatever is already queued on the wire, then ends the connection (Binance's own closes).</summary>
    private async Task CloseAsync(string reason, WebSocketCloseStatus status, string description)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is not null)
        {
            return;
        }

        _closeDeadline = Environment.TickCount64 + 2000;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _socket.CloseOutputAsync(status, description, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // already gone
        }

        try
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // RunAsync has already finished
        }
    }

    /// <summary>True when this message is more than the limit within the last second (a sliding window over the last N messages).</summary>
    private bool TooManyMessages()
    {
        long now = Stopwatch.GetTimestamp();
        long nthAgo = _recentMessages[_recentIndex];
        _recentMessages[_recentIndex] = now;
        _recentIndex = (_recentIndex + 1) % _recentMessages.Length;
        return nthAgo != 0 && now - nthAgo < Stopwatch.Frequency;
    }
}
