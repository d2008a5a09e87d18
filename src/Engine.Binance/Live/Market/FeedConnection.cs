using System.Buffers;
using System.Net.WebSockets;
using Engine.Timing;

namespace Engine.Binance.Live.Market;

/// <summary>
/// One market-data WebSocket: connects, then receives whole messages into one pooled buffer (grown only for a frame
/// larger than it) and hands each, with its receive timestamps, to the raw-frame tap and the sequencer. Pings are
/// answered by the WebSocket itself while a receive is pending (always, here); the client's own keep-alive pings
/// abort a socket whose pongs stop (<see cref="MarketFeedOptions.KeepAliveTimeout"/>). Steady state allocates nothing
/// per frame: <see cref="WebSocket.ReceiveAsync(Memory{byte}, CancellationToken)"/> returns a
/// <see cref="ValueWebSocketReceiveResult"/>.
/// </summary>
internal sealed class FeedConnection : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Uri _uri;
    private readonly MarketFeedOptions _options;
    private byte[] _buffer;
    private long _lastFrameMs = Environment.TickCount64;
    private string? _closeReason;

    public FeedConnection(FeedRoute route, MarketFeedOptions options)
    {
        _uri = route.Uri;
        _options = options;
        Link = new FeedLink(route);
        _buffer = ArrayPool<byte>.Shared.Rent(options.ReceiveBufferBytes);
        if (options.KeepAliveInterval > TimeSpan.Zero)
        {
            _socket.Options.KeepAliveInterval = options.KeepAliveInterval;
            _socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        }
    }

    public FeedLink Link { get; }

    /// <summary>Why the connection ended (null while it runs normally).</summary>
    public string? CloseReason => Volatile.Read(ref _closeReason);

    /// <summary>Milliseconds (Environment.TickCount64) since the last frame arrived.</summary>
    public long SilentForMs => Environment.TickCount64 - Volatile.Read(ref _lastFrameMs);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await _socket.ConnectAsync(_uri, timeout.Token).ConfigureAwait(false);
        Volatile.Write(ref _lastFrameMs, Environment.TickCount64);
    }

    /// <summary>Receives until the socket ends (server close, drop, abort); never throws for a socket fault.</summary>
    public async Task ReceiveAsync(TradeSequencer sequencer, IRawFrameTap? tap)
    {
        int count = 0;
        try
        {
            while (true)
            {
                // No cancellation token: cancelling a receive aborts the socket anyway; Abort() below is how it stops.
                ValueWebSocketReceiveResult r = await _socket.ReceiveAsync(_buffer.AsMemory(count), CancellationToken.None).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    SetReason($"closed by the server ({_socket.CloseStatus} {_socket.CloseStatusDescription})");
                    await CloseQuietlyAsync().ConfigureAwait(false);
                    return;
                }

                count += r.Count;
                if (!r.EndOfMessage)
                {
                    if (count == _buffer.Length)
                    {
                        Grow();
                    }

                    continue;
                }

                long ticks = EngineClock.Timestamp();
                long unixNs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
                Volatile.Write(ref _lastFrameMs, Environment.TickCount64);
                ReadOnlySpan<byte> frame = _buffer.AsSpan(0, count);
                tap?.OnFrame(frame, unixNs);
                sequencer.OnFrame(Link, frame, ticks, unixNs);
                count = 0;
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            SetReason(_socket.State == WebSocketState.Aborted && CloseReason is null ? "aborted (no pong to the keep-alive ping, or the network went away)" : "dropped: " + e.Message);
        }
    }

    /// <summary>Ends the connection now, no close handshake (a stale stream, the feed stopping).</summary>
    public void Abort(string reason)
    {
        SetReason(reason);
        _socket.Abort();
    }

    /// <summary>A polite close (the old connection of a handover): close frame, short wait, then abort.</summary>
    public async Task CloseAsync(string reason)
    {
        SetReason(reason);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "handover", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // already gone
        }
        finally
        {
            _socket.Abort();
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        byte[] buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseQuietlyAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // the server went away first
        }
    }

    private void SetReason(string reason) => Interlocked.CompareExchange(ref _closeReason, reason, null);

    // Rare: a frame larger than the buffer (Binance's are a few hundred bytes). The old buffer's bytes move over.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Grow()
    {
        byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.CopyTo(bigger, 0);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
