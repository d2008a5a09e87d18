using System.Globalization;
using System.Net;
using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// Binance's <c>GET /fapi/v1/aggTrades?symbol=&amp;fromId=&amp;limit=</c> (request weight 20) over HTTP. Classifies
/// every answer: 429 and 418 carry the server's <c>Retry-After</c> (seconds; 1 s assumed when absent), 5xx and
/// network faults are retryable, other refusals are final. Owns its <see cref="HttpClient"/> unless one is given.
/// </summary>
public sealed class AggTradeRest : IAggTradeHistory, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Uri _base;

    public AggTradeRest(Uri restBase, HttpClient? http = null, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(restBase);
        _base = restBase;
        _ownsClient = http is null;
        _http = http ?? new HttpClient { Timeout = requestTimeout ?? TimeSpan.FromSeconds(10) };
    }

    public async Task<HistoryAnswer> FetchAsync(string symbol, SymbolId id, long fromId, int limit, List<Trade> into, CancellationToken cancellationToken)
    {
        var uri = StreamPlan.Combine(_base, string.Create(CultureInfo.InvariantCulture, $"/fapi/v1/aggTrades?symbol={symbol}&fromId={fromId}&limit={limit}"));
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (response.StatusCode is HttpStatusCode.TooManyRequests || status == 418)
            {
                return new HistoryAnswer(HistoryOutcome.RateLimited, RetryAfter(response), $"HTTP {status}");
            }

            if (status >= 500)
            {
                return new HistoryAnswer(HistoryOutcome.Unavailable, RetryAfter(response, TimeSpan.Zero), $"HTTP {status}");
            }

            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return new HistoryAnswer(HistoryOutcome.Refused, TimeSpan.Zero, $"HTTP {status}: {Truncate(body)}");
            }

            return AggTradePage.TryRead(body, id, into, out string? error)
                ? HistoryAnswer.Ok
                : new HistoryAnswer(HistoryOutcome.Refused, TimeSpan.Zero, $"unreadable aggTrades page: {error}");
        }
        catch (HttpRequestException e)
        {
            return new HistoryAnswer(HistoryOutcome.Unavailable, TimeSpan.Zero, e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HistoryAnswer(HistoryOutcome.Unavailable, TimeSpan.Zero, "timed out: " + e.Message);
        }
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, TimeSpan? fallback = null)
    {
        if (response.Headers.RetryAfter is { } h)
        {
            if (h.Delta is TimeSpan delta)
            {
                return delta;
            }

            if (h.Date is DateTimeOffset date)
            {
                TimeSpan until = date - DateTimeOffset.UtcNow;
                return until > TimeSpan.Zero ? until : TimeSpan.Zero;
            }
        }

        return fallback ?? TimeSpan.FromSeconds(1);
    }

    private static string Truncate(byte[] body)
    {
        string text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return text.ReplaceLineEndings(" ");
    }
}
