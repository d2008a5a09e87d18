using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.ObjectPool;

namespace Engine.Binance.Live.Alerts;

/// <summary>
/// Sends alerts to a webhook as JSON POSTs, off the caller's thread: <see cref="Raise"/> puts the alert in a bounded
/// queue (full: dropped and counted) after a token bucket of <see cref="AlertOptions.MaxPerMinute"/> (empty: dropped
/// and counted; the next alert sent carries <c>suppressed</c>, the number dropped since the last one sent), and one
/// sender task POSTs them in order. A POST that fails (no answer, timeout, non-2xx) is counted and not retried: an
/// alert is a notice, the journal and the run report are the record. Without a webhook alerts are only counted.
/// The body: <c>{"kind","symbol","message","time","source","sequence","suppressed","text","content"}</c>, where
/// <c>text</c> (Slack) and <c>content</c> (Discord) repeat the message as one line. The webhook URL is never printed
/// (webhook URLs often hold a token).
/// Messages are pooled (<see cref="AlertMessage"/>, Microsoft.Extensions.ObjectPool): rented on the raising thread,
/// returned by the sender once posted or dropped, and filled at start for a full queue, so raising an alert allocates
/// nothing (the gateway's thread raises them); the sender builds each body in one reused buffer.
/// </summary>
public sealed class AlertSink : IAlertSink, IAsyncDisposable
{
    // Messages that may be out of the queue at once: the sender's, and one per raising thread (the gateway's, the health
    // monitor's, the reconciliation's, the dead-man switch's).
    private const int InHand = 5;

    private readonly AlertOptions _options;
    private readonly Channel<AlertMessage> _queue;
    private readonly AlertMessage.Policy _policy = new();
    private readonly DefaultObjectPool<AlertMessage> _pool;
    private readonly ArrayBufferWriter<byte> _body = new(4096);
    private readonly char[] _line = new char[AlertMessage.Capacity + 64];
    private readonly HttpClient? _http;
    private readonly Uri? _url;
    private readonly Func<long> _clockMs;
    private readonly Lock _bucketGate = new();
    private readonly Task _sender;
    private double _tokens;
    private long _refilledAtMs;
    private long _suppressed;
    private long _raised;
    private long _sent;
    private long _failed;
    private long _droppedFull;
    private long _droppedRate;
    private long _sequence;

    public AlertSink(AlertOptions options)
        : this(options, null, null)
    {
    }

    /// <summary>Tests: <paramref name="clockMs"/> drives the rate limit; <paramref name="handler"/> replaces the HTTP stack.</summary>
    internal AlertSink(AlertOptions options, Func<long>? clockMs, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clockMs = clockMs ?? (() => Environment.TickCount64);
        _tokens = options.MaxPerMinute;
        _refilledAtMs = _clockMs();
        _pool = new DefaultObjectPool<AlertMessage>(_policy, options.QueueCapacity + InHand);
        _queue = Channel.CreateBounded<AlertMessage>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        Prefill(options.QueueCapacity + InHand);
        if (options.WebhookUrl is { Length: > 0 } url)
        {
            _url = new Uri(url);
            _http = handler is null ? new HttpClient { Timeout = options.Timeout } : new HttpClient(handler) { Timeout = options.Timeout };
        }

        _sender = Task.Run(SendLoopAsync);
    }

    /// <summary>Alerts raised (taken or dropped).</summary>
    public long Raised => Interlocked.Read(ref _raised);

    /// <summary>Alerts the webhook answered with a 2xx.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>POSTs that failed (no answer, timeout, non-2xx).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Alerts dropped because the queue was full.</summary>
    public long DroppedQueueFull => Interlocked.Read(ref _droppedFull);

    /// <summary>Alerts dropped by the rate limit.</summary>
    public long DroppedRateLimited => Interlocked.Read(ref _droppedRate);

    /// <summary>Messages the pool created: all at start, unless more threads raised at once than it was filled for.</summary>
    internal long MessagesCreated => _policy.Created;

    /// <summary>Raised, sent, failed and dropped, for the run report.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"alerts: {Raised:N0} raised, {Sent:N0} sent, {Failed:N0} failed, {DroppedRateLimited:N0} dropped by the rate limit, {DroppedQueueFull:N0} dropped with the queue full{(_url is null ? " (no webhook configured)" : "")}");

    public bool Raise(AlertKind kind, string? symbol, string message)
    {
        AlertMessage m = _pool.Get();
        m.Kind = kind;
        m.Symbol = symbol;
        m.Write((message ?? "").AsSpan());
        return Raise(m);
    }

    public AlertMessage Rent() => _pool.Get();

    public bool Raise(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref _raised);
        long suppressed;
        lock (_bucketGate)
        {
            long now = _clockMs();
            _tokens = Math.Min(_options.MaxPerMinute, _tokens + ((now - _refilledAtMs) * _options.MaxPerMinute / 60_000.0));
            _refilledAtMs = now;
            if (_tokens < 1)
            {
                _suppressed++;
                Interlocked.Increment(ref _droppedRate);
                _pool.Return(message);
                return false;
            }

            _tokens -= 1;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        message.TimeUtc = DateTime.UtcNow;
        message.Sequence = Interlocked.Increment(ref _sequence);
        message.Suppressed = suppressed;
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedFull);
        _pool.Return(message);
        return false;
    }

    // Filled at start with as many messages as can be out at once (a full queue and those in hand), so no alert creates
    // one: a pool that grew on demand allocated (2 KB a message) on the thread that raised in the deepest burst so far.
    // The queue is filled once and emptied too, before the sender starts, so its own storage has grown to its capacity.
    private void Prefill(int count)
    {
        var all = new AlertMessage[count];
        for (int i = 0; i < count; i++)
        {
            all[i] = _pool.Get();
            _queue.Writer.TryWrite(all[i]);
        }

        while (_queue.Reader.TryRead(out _))
        {
        }

        foreach (AlertMessage m in all)
        {
            _pool.Return(m);
        }
    }

    private async Task SendLoopAsync()
    {
        using var json = new Utf8JsonWriter(_body);
        await foreach (AlertMessage m in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (_http is not null)
                {
                    await PostAsync(m, json).ConfigureAwait(false);
                }
            }
            finally
            {
                _pool.Return(m);
            }
        }
    }

    private async Task PostAsync(AlertMessage m, Utf8JsonWriter json)
    {
        try
        {
            WriteBody(m, json);
            using var content = new ReadOnlyMemoryContent(_body.WrittenMemory);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await _http!.PostAsync(_url, content).ConfigureAwait(false);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _sent : ref _failed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    // Into the one body buffer (the sender posts one alert at a time): the JSON fields, with "text" and "content" the
    // one-line form "[kind] SYMBOL message".
    private void WriteBody(AlertMessage m, Utf8JsonWriter w)
    {
        _body.ResetWrittenCount();
        w.Reset(_body);
        string kind = KindText(m.Kind);
        var line = new Span<char>(_line);
        bool fits = line.TryWrite(CultureInfo.InvariantCulture, $"[{kind}]{(m.Symbol is null ? "" : " ")}{m.Symbol} {m.Text}", out int lineLength);
        Span<char> time = stackalloc char[32];
        m.TimeUtc.TryFormat(time, out int timeLength, "yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        w.WriteStartObject();
        w.WriteString("kind", kind);
        if (m.Symbol is null)
        {
            w.WriteNull("symbol");
        }
        else
        {
            w.WriteString("symbol", m.Symbol);
        }

        w.WriteString("message", m.Text);
        w.WriteString("time", time[..timeLength]);
        w.WriteString("source", _options.Source);
        w.WriteNumber("sequence", m.Sequence);
        w.WriteNumber("suppressed", m.Suppressed);
        w.WriteString("text", fits ? line[..lineLength] : m.Text);
        w.WriteString("content", fits ? line[..lineLength] : m.Text);
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>The kind as the webhook shows it: <c>reconnect_storm</c>.</summary>
    public static string KindText(AlertKind kind) => kind switch
    {
        AlertKind.Halt => "halt",
        AlertKind.Flatten => "flatten",
        AlertKind.ProtectiveReject => "protective_reject",
        AlertKind.ReconnectStorm => "reconnect_storm",
        AlertKind.ReconciliationDifference => "reconciliation_difference",
        AlertKind.LinkDown => "link_down",
        AlertKind.DeadManFailing => "dead_man_failing",
        _ => "alert",
    };

    /// <summary>Stops taking alerts and sends what is queued (at most one POST timeout each), then releases the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
        _http?.Dispose();
    }
}
