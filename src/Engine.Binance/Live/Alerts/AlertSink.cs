using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;

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
/// </summary>
public sealed class AlertSink : IAlertSink, IAsyncDisposable
{
    private readonly AlertOptions _options;
    private readonly Channel<Pending> _queue;
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
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
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

    /// <summary>Raised, sent, failed and dropped, for the run report.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"alerts: {Raised:N0} raised, {Sent:N0} sent, {Failed:N0} failed, {DroppedRateLimited:N0} dropped by the rate limit, {DroppedQueueFull:N0} dropped with the queue full{(_url is null ? " (no webhook configured)" : "")}");

    public bool Raise(AlertKind kind, string? symbol, string message)
    {
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
                return false;
            }

            _tokens -= 1;
            suppressed = _suppressed;
            _suppressed = 0;
        }

        var pending = new Pending(kind, symbol, message ?? "", DateTime.UtcNow, Interlocked.Increment(ref _sequence), suppressed);
        if (_queue.Writer.TryWrite(pending))
        {
            return true;
        }

        Interlocked.Increment(ref _droppedFull);
        return false;
    }

    private async Task SendLoopAsync()
    {
        await foreach (Pending p in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_http is null)
            {
                continue;
            }

            try
            {
                using var content = new ByteArrayContent(Body(p));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await _http.PostAsync(_url, content).ConfigureAwait(false);
                Interlocked.Increment(ref response.IsSuccessStatusCode ? ref _sent : ref _failed);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }

    private byte[] Body(Pending p)
    {
        string kind = KindText(p.Kind);
        string line = $"[{kind}]{(p.Symbol is null ? "" : " " + p.Symbol)} {p.Message}";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            if (p.Symbol is null)
            {
                w.WriteNull("symbol");
            }
            else
            {
                w.WriteString("symbol", p.Symbol);
            }

            w.WriteString("message", p.Message);
            w.WriteString("time", p.TimeUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("source", _options.Source);
            w.WriteNumber("sequence", p.Sequence);
            w.WriteNumber("suppressed", p.Suppressed);
            w.WriteString("text", line);
            w.WriteString("content", line);
            w.WriteEndObject();
        }

        return buffer.ToArray();
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

    private readonly record struct Pending(AlertKind Kind, string? Symbol, string Message, DateTime TimeUtc, long Sequence, long Suppressed);
}
