using System.Buffers;
using System.Net.WebSockets;
using Engine.Model;
using Engine.Timing;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// Order entry over Binance's WS API (<c>/ws-fapi/v1</c>): one socket, one request in flight, answers matched by id.
/// An Ed25519 key logs the session on once (<c>session.logon</c>) and later requests go unsigned; an HMAC key (which
/// Binance does not let log on) signs every request (<c>apiKey</c>, <c>timestamp</c>, <c>signature</c> over the
/// parameters sorted by name). Requests are built into pooled buffers as JSON; <c>timestamp</c> and
/// <c>recvWindow</c> as numbers, the rest as strings. A send failure or a timeout aborts the socket: the request's
/// outcome is open, and the transport reconnects on the next request (down meanwhile, so the gateway uses the other
/// transport). The Algo Service has no WS API methods here: those calls stay on REST.
/// </summary>
public sealed class WsApiOrderTransport : IOrderTransport
{
    private readonly Uri _uri;
    private readonly ApiCredentials _credentials;
    private readonly GatewayOptions _options;
    private readonly ServerClock _clock;
    private readonly SignedQuery _query = new();
    private readonly Lock _deadlineGate = new();
    private readonly long _timeoutTicks;
    private readonly Timer _watchdog;
    private CancellationTokenSource _timeout = new();
    private long _deadline; // EngineClock ticks at which the request in flight is given up; 0: none. Under _deadlineGate.
    private byte[] _frame = ArrayPool<byte>.Shared.Rent(4096);
    private byte[] _receive = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private ClientWebSocket? _socket;
    private long _nextId;
    private long _nextConnectLocalMs;
    private long _connectBackoffMs = 1000;

    /// <param name="uri">The WS API address, e.g. <c>wss://ws-fapi.binance.com/ws-fapi/v1</c> (the sim: <c>ws://127.0.0.1:port/ws-fapi/v1</c>).</param>
    public WsApiOrderTransport(Uri uri, ApiCredentials credentials, GatewayOptions options, ServerClock clock)
    {
        _uri = uri ?? throw new ArgumentNullException(nameof(uri));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));

        // One timer for the transport's life watches the request in flight, rather than CancelAfter per request: arming
        // a CancellationTokenSource's timer and disarming it took 4.6 µs at the median of the gateway's 15 µs between
        // taking an order from the ring and its bytes reaching the socket (TickToOrder, WS API). The timeout is then
        // kept to within an eighth of itself (at least 5 ms, at most 250 ms late).
        _timeoutTicks = (long)(options.RequestTimeout.TotalSeconds * EngineClock.TicksPerSecond);
        long periodMs = Math.Clamp((long)options.RequestTimeout.TotalMilliseconds / 8, 5, 250);
        _watchdog = new Timer(static state => ((WsApiOrderTransport)state!).GiveUpIfLate(), this, periodMs, periodMs);
    }

    public string Name => "WS API";

    /// <summary>Open, or reconnected now; a failed connect is not retried for a doubling pause (1 s to 30 s).</summary>
    public bool IsUp => _socket is { State: WebSocketState.Open } || (_clock.LocalMs >= _nextConnectLocalMs && TryConnect());

    public bool LoggedOn { get; private set; }

    public long Connects { get; private set; }

    public long ConnectFailures { get; private set; }

    /// <summary>Frames that answered no request in flight (late answers to a request given up on), skipped.</summary>
    public long StrayFrames { get; private set; }

    public long LastSendTimestamp { get; private set; }

    public bool Supports(VenueCall call) => call is VenueCall.PlaceOrder or VenueCall.CancelOrder or VenueCall.QueryOrder;

    public void Execute(VenueCall call, in OrderRequest request, ReadOnlySpan<byte> symbol, long timestampMs, ref VenueAnswer answer, out bool maybeSent)
    {
        maybeSent = false;
        if (!IsUp)
        {
            answer.TransportFailed = true;
            return;
        }

        _query.Reset();
        bool signEach = !LoggedOn;
        OrderParams.Write(_query, call, in request, symbol, _options.ClientIdPrefix, _options.RecvWindowMs, timestampMs, signEach ? _credentials.ApiKey : null);
        if (signEach)
        {
            _query.Sign(_credentials.Signer, urlEncode: false);
        }

        ReadOnlySpan<byte> method = call switch
        {
            VenueCall.PlaceOrder => "order.place"u8,
            VenueCall.CancelOrder => "order.cancel"u8,
            _ => "order.status"u8,
        };
        Roundtrip(method, ref answer, ref maybeSent);
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        lock (_deadlineGate)
        {
            _deadline = 0; // a tick already running finds nothing to cancel, so never a disposed source
        }

        _socket?.Dispose();
        _timeout.Dispose();
        _query.Dispose();
        ArrayPool<byte>.Shared.Return(_frame);
        ArrayPool<byte>.Shared.Return(_receive);
        _frame = [];
        _receive = [];
    }

    private bool TryConnect()
    {
        _socket?.Dispose();
        _socket = null;
        LoggedOn = false;
        var socket = new ClientWebSocket();
        try
        {
            using var cts = new CancellationTokenSource(_options.RequestTimeout);
            socket.ConnectAsync(_uri, cts.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            socket.Dispose();
            ConnectFailures++;
            _nextConnectLocalMs = _clock.LocalMs + _connectBackoffMs;
            _connectBackoffMs = Math.Min(_connectBackoffMs * 2, 30_000);
            return false;
        }

        _socket = socket;
        _connectBackoffMs = 1000;
        Connects++;
        if (_credentials.Kind == ApiKeyKind.Ed25519)
        {
            LogOn();
        }

        return _socket is { State: WebSocketState.Open };
    }

    private void LogOn()
    {
        _query.Reset();
        _query.Add("apiKey"u8, System.Text.Encoding.ASCII.GetBytes(_credentials.ApiKey)).AddLong("timestamp"u8, _clock.NowMs);
        _query.Sign(_credentials.Signer, urlEncode: false);
        var answer = default(VenueAnswer);
        answer.Clear();
        bool sent = false;
        Roundtrip("session.logon"u8, ref answer, ref sent);
        LoggedOn = answer.IsOk; // refused (-1021, -1022): each request is then signed on its own
    }

    private void Roundtrip(ReadOnlySpan<byte> method, ref VenueAnswer answer, ref bool maybeSent)
    {
        long id = ++_nextId;
        int length = WsApiFrame.Write(_frame, id, method, _query.Written);
        ClientWebSocket socket = _socket!;
        CancellationToken timeout;
        lock (_deadlineGate)
        {
            if (_timeout.IsCancellationRequested)
            {
                _timeout.Dispose(); // it fired: a cancelled source cannot be reused
                _timeout = new CancellationTokenSource();
            }

            _deadline = EngineClock.Timestamp() + _timeoutTicks;
            timeout = _timeout.Token;
        }

        try
        {
            maybeSent = true;
            LastSendTimestamp = EngineClock.Timestamp();
#pragma warning disable CA2012 // consumed once: SpinUntilCompleted only reads IsCompleted, which a ValueTask allows before its result
            ValueTask send = socket.SendAsync(_frame.AsMemory(0, length), WebSocketMessageType.Text, endOfMessage: true, timeout);
#pragma warning restore CA2012
            SpinUntilCompleted(in send);
            send.GetAwaiter().GetResult();

            while (true)
            {
                int received = ReceiveMessage(socket, timeout);
                var parsed = default(VenueAnswer);
                parsed.Clear();
                if (VenueAnswerParser.TryParseWsApi(_receive.AsSpan(0, received), ref parsed, out long answered) && answered == id)
                {
                    answer = parsed;
                    return;
                }

                StrayFrames++;
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            answer.TransportFailed = true; // the request may have reached the venue: the gateway resolves it by query
            socket.Abort();
        }
        finally
        {
            lock (_deadlineGate)
            {
                _deadline = 0;
            }
        }
    }

    // The gateway's thread waits for its socket as it waits for the ring: polling, giving its core to any thread ready
    // for it (Thread.Yield). Blocking on the operation instead (AsTask().GetResult()) allocated a Task and an event per
    // send or receive that did not complete at once, and the answer then woke the thread through the kernel. A timeout
    // still ends the wait: the watchdog cancels the operation, which then completes.
    private static void SpinUntilCompleted(in ValueTask pending)
    {
        while (!pending.IsCompleted)
        {
            Thread.Yield();
        }
    }

    private static void SpinUntilCompleted<T>(in ValueTask<T> pending)
    {
        while (!pending.IsCompleted)
        {
            Thread.Yield();
        }
    }

    // The watchdog's tick (a pool thread): a request still in flight past its deadline is cancelled, which aborts its send
    // or receive; the gateway's thread then finds the outcome open.
    private void GiveUpIfLate()
    {
        lock (_deadlineGate)
        {
            if (_deadline != 0 && EngineClock.Timestamp() >= _deadline)
            {
                _deadline = 0;
                _timeout.Cancel();
            }
        }
    }

    private int ReceiveMessage(ClientWebSocket socket, CancellationToken timeout)
    {
        int length = 0;
        while (true)
        {
            if (length == _receive.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(_receive.Length * 2);
                _receive.AsSpan().CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_receive);
                _receive = larger;
            }

#pragma warning disable CA2012 // consumed once, as above
            ValueTask<ValueWebSocketReceiveResult> pending = socket.ReceiveAsync(_receive.AsMemory(length), timeout);
#pragma warning restore CA2012
            SpinUntilCompleted(in pending);
            ValueWebSocketReceiveResult result = pending.GetAwaiter().GetResult();
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely);
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return length;
            }
        }
    }
}
