using System.Net;
using System.Text.Json;

namespace Engine.Binance.ExchangeInfo;

/// <summary>
/// Reads <c>GET /fapi/v1/exchangeInfo</c> (request weight 1) from a REST base into an <see cref="ExchangeInfoDocument"/>.
/// Cold code: at start-up and on the periodic refresh. Every failure is one <see cref="ExchangeInfoUnavailableException"/>
/// whose message says what happened; only the caller's own cancellation escapes as itself.
/// </summary>
public static class ExchangeInfoClient
{
    public const string PathAndQuery = "/fapi/v1/exchangeInfo";

    private const int QuotedBodyChars = 200;

    public static async Task<ExchangeInfoDocument> FetchAsync(HttpClient http, Uri restBase, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(restBase);
        var uri = new Uri(restBase, PathAndQuery);
        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                string body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
                TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta;
                string wait = retryAfter is { } r ? $", Retry-After {r.TotalSeconds:0} s" : string.Empty;
                throw new ExchangeInfoUnavailableException($"GET {uri}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}{wait}: {Quote(body)}")
                {
                    Status = response.StatusCode,
                    RetryAfter = retryAfter,
                };
            }

            Stream content = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                using JsonDocument json = await JsonDocument.ParseAsync(content, cancellationToken: cancel).ConfigureAwait(false);
                ExchangeInfoDocument document = ExchangeInfoLoader.Read(json.RootElement);
                if (document.Symbols.Count == 0)
                {
                    throw new ExchangeInfoUnavailableException($"GET {uri}: no usable symbol in the answer ({string.Join("; ", document.Problems.Take(3))})")
                    {
                        Status = response.StatusCode,
                    };
                }

                return document;
            }
        }
        catch (HttpRequestException e)
        {
            throw new ExchangeInfoUnavailableException($"GET {uri}: {e.Message}", e) { Status = e.StatusCode };
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new ExchangeInfoUnavailableException($"GET {uri}: no answer within {http.Timeout.TotalSeconds:0.#} s", e);
        }
        catch (JsonException e)
        {
            throw new ExchangeInfoUnavailableException($"GET {uri}: the answer is not JSON: {e.Message}", e) { Status = HttpStatusCode.OK };
        }
    }

    private static string Quote(string body)
    {
        string flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length <= QuotedBodyChars ? flat : flat[..QuotedBodyChars] + "…";
    }
}
