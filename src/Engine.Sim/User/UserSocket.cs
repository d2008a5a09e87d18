using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Engine.Sim.Faults;

namespace Engine.Sim.User;

/// <summary>
/// One user-data socket on a listenKey: raw (<c>/private/ws…</c>, each event as Binance sends it) or combined
/// (<c>/private/stream…</c>, <c>{"stream":"&lt;listenKey&gt;","data":…}</c>), with an optional event-type filter.
/// Events are queued by the publisher (any thread) and written by this socket's own send loop, so a slow client never
/// holds up the desk; the User:DuplicateRate and User:ReorderRate faults act here, per socket.
/// </summary>
internal sealed class UserSocket
{
    /// <summary>Frames a client may leave unread before it is dropped as a slow consumer.</summary>
    private const int OutboxCapacity = 65_536;

    /// <summary>An event held back by User:ReorderRate goes out after the next event, or alone after this long.</summary>
    internal const long HeldEventMaxMs = 1_000;

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(OutboxCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the client is dropped, nothing is lost silently
    });

    private readonly object _gate = new(); // orders Offer calls, guards _held
    private readonly HashSet<string>? _events;
    private readonly bool _combined;
    private readonly UserStreamStats _stats;
    private byte[]? _held;
    private int _aborted; // 1 once Abort ran: a socket still attached while it winds down is not dropped (or counted) twice
    private bool _abortedByUs; // set before any abort of ours, so a runtime abort (missed pong) can be told apart
    private string? _closeReason; // set once by Close; the send loop sends the close frame after the queued frames
    private long _heldSinceMs;

    public UserSocket(WebSocket socket, ListenKey key, bool combined, HashSet<string>? events, UserStreamStats stats)
    {
        _socket = socket;
        Key = key;
        _combined = combined;
        _events = events;
        _stats = stats;
    }

    public ListenKey Key { get; }

    /// <summary>False once the socket has been dropped by us.</summary>
    public bool IsLive => Volatile.Read(ref _aborted) == 0;

    /// <summary>
    /// Queues one event for this socket (unless the socket's <c>events</c> filter excludes it), injecting the
    /// duplicate and reorder faults at their current rates.
    /// </summary>
    public void Offer(string eventType, ReadOnlySpan<byte> json, UserFaults faults, FaultCounters counters, long nowMs)
    {
        if (_events is not null && !_events.Contains(eventType))
        {
            _stats.FilteredOut();
            return;
        }

        byte[] frame = Frame(json);
        lock (_gate)
        {
            if (_held is not null)
            {
                counters.Count(UserFaultNames.Reorder); // counted before the client can see it
                Enqueue(frame);
                Enqueue(_held); // the held event goes out after the one that followed it
                _held = null;
            }
            else if (faults.ReorderRate > 0 && Random.Shared.NextDouble() < faults.ReorderRate)
            {
                _held = frame;
                _heldSinceMs = nowMs;
                return;
            }
            else
            {
                Enqueue(frame);
            }

            if (faults.DuplicateRate > 0 && Random.Shared.NextDouble() < faults.DuplicateRate)
            {
                counters.Count(UserFaultNames.Duplicate);
                Enqueue(frame);
            }
        }
    }

    /// <summary>Sends an event past the filter and the faults (<c>listenKeyExpired</c>).</summary>
    public void OfferControl(ReadOnlySpan<byte> json)
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                Enqueue(_held);
                _held = null;
            }

            Enqueue(Frame(json));
        }
    }

    /// <summary>Sends a held event that no later event has overtaken within <see cref="HeldEventMaxMs"/> (not a reorder).</summary>
    public void FlushStaleHeld(long nowMs)
    {
        lock (_gate)
        {
            if (_held is not null && nowMs - _heldSinceMs >= HeldEventMaxMs)
            {
                Enqueue(_held);
                _held = null;
            }
        }
    }

    /// <summary>Drops the connection without a close frame (User:DropEverySeconds, slow consumer); false when it was already dropped.</summary>
    public bool Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return false;
        }

        Volatile.Write(ref _abortedByUs, true);
        _socket.Abort();
        return true;
    }

    /// <summary>
    /// Closes with a close frame (listenKey deleted, connection lifetime reached) once the frames already queued are
    /// sent: the send loop writes it, so it never overlaps a send.
    /// </summary>
    public void Close(string reason)
    {
        Interlocked.CompareExchange(ref _closeReason, reason, null);
        _outbox.Writer.TryComplete();
    }

    /// <summary>
    /// Runs the socket until it closes: reads (and discards) what the client sends, so that pongs are seen, writes the
    /// outbox, and closes at the connection lifetime. Nothing here cancels a pending socket call: cancelling one aborts
    /// the socket, and the close frame would be lost.
    /// </summary>
    public async Task RunAsync(TimeSpan lifetime, CancellationToken stopping)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        using CancellationTokenRegistration onStop = stopping.Register(static s => ((UserSocket)s!).Abort(), this);
        Task sending = SendLoopAsync();
        Task lifetimeClose = CloseAtLifetimeAsync(lifetime, ended.Token);
        byte[] buffer = new byte[4096];
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                WebSocketReceiveResult r = await _socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    Close("bye"); // answer the client's close frame
                    break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (IsPongTimeout(e))
            {
                _stats.PongTimedOut(); // no pong within the keep-alive timeout: the runtime aborted the socket
            }
        }
        finally
        {
            await ended.CancelAsync().ConfigureAwait(false);
            _outbox.Writer.TryComplete();
            await sending.ConfigureAwait(false); // ends after the close frame, if one is due
            await lifetimeClose.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the runtime's keep-alive aborted the socket: a missed pong shows up as the connection aborted "by the
    /// application" (an <see cref="OperationCanceledException"/>) with no abort of ours behind it.
    /// </summary>
    private bool IsPongTimeout(Exception e) => e is OperationCanceledException && !Volatile.Read(ref _abortedByUs);

    private async Task CloseAtLifetimeAsync(TimeSpan lifetime, CancellationToken ended)
    {
        try
        {
            await Task.Delay(lifetime, ended).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        _stats.LifetimeClosed();
        Close("connection lifetime reached");
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (byte[] frame in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                _stats.Delivered();
            }

            string? reason = Volatile.Read(ref _closeReason);
            if (reason is not null && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or InvalidOperationException)
        {
            // the socket closed or was dropped: nothing more to send
        }
    }

    private void Enqueue(byte[] frame)
    {
        if (!_outbox.Writer.TryWrite(frame) && _socket.State == WebSocketState.Open)
        {
            _stats.SlowConsumerDropped();
            Abort();
        }
    }

    private byte[] Frame(ReadOnlySpan<byte> json)
    {
        if (!_combined)
        {
            return json.ToArray();
        }

        // {"stream":"<listenKey>","data":<event>}: the combined-stream envelope, the listenKey as the stream name
        byte[] head = Encoding.ASCII.GetBytes($"{{\"stream\":\"{Key.Value}\",\"data\":");
        byte[] frame = new byte[head.Length + json.Length + 1];
        head.CopyTo(frame, 0);
        json.CopyTo(frame.AsSpan(head.Length));
        frame[^1] = (byte)'}';
        return frame;
    }
}

/// <summary>The report names of the user-side faults.</summary>
internal static class UserFaultNames
{
    public const string Drop = "User:DropEverySeconds";
    public const string Duplicate = "User:DuplicateRate";
    public const string Reorder = "User:ReorderRate";
    public const string ListenKeyExpire = "User:ListenKeyExpireSeconds";
}
