using System.Text.Json;

namespace Engine.Binance.Live.UserData;

/// <summary>
/// The user stream's few REST calls: listenKey (API key header only, USER_STREAM security) and the reconciliation's
/// signed GETs (USER_DATA: <c>recvWindow</c> and <c>timestamp</c> appended, signed over the query string by the gateway's
/// <see cref="IRequestSigner"/>: HMAC-SHA256 hex or Ed25519 base64, percent-encoded, binance-usdm §11.4). Cold path: JSON answers are read with <see cref="JsonDocument"/>.
/// </summary>
internal sealed class UserRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly UserStreamOptions _options;

    public UserRestClient(UserStreamOptions options)
    {
        _options = options;
        _http = new HttpClient { BaseAddress = options.RestBase, Timeout = options.RequestTimeout };
    }

    /// <summary>POST/PUT/DELETE /fapi/v1/listenKey; the key of the answer (PUT and DELETE may answer without one).</summary>
    public async Task<string?> ListenKeyAsync(HttpMethod method, CancellationToken cancel)
    {
        using JsonDocument doc = await SendAsync(method, "/fapi/v1/listenKey", signedQuery: null, cancel).ConfigureAwait(false);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("listenKey", out JsonElement k) ? k.GetString() : null;
    }

    /// <summary>A signed GET; <paramref name="parameters"/> without timestamp and signature (may be empty).</summary>
    public Task<JsonDocument> GetSignedAsync(string path, string parameters, CancellationToken cancel) =>
        SendAsync(HttpMethod.Get, path, SignedQuery(parameters), cancel);

    /// <summary>
    /// A signed request of any method that does not throw on the venue's refusal: the HTTP status and the JSON answer
    /// (Binance's <c>{"code":…,"msg":…}</c> on an error). Transport failures and a non-JSON answer still throw.
    /// </summary>
    public async Task<(int Status, JsonDocument Body)> SendSignedAsync(HttpMethod method, string path, string parameters, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path + "?" + SignedQuery(parameters));
        request.Headers.Add("X-MBX-APIKEY", _options.Credentials.ApiKey);
        using HttpResponseMessage response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        return ((int)response.StatusCode, Parse(method, path, body));
    }

    // parameters + recvWindow + timestamp, signed by the gateway's signer over that exact text (binance-usdm §11.4).
    private string SignedQuery(string parameters)
    {
        return Account.SignedRestClient.Sign(_options.Credentials.Signer, parameters, _options.RecvWindowMs, _options.ServerTimeMs());
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? signedQuery, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, signedQuery is null ? path : path + "?" + signedQuery);
        request.Headers.Add("X-MBX-APIKEY", _options.Credentials.ApiKey);
        using HttpResponseMessage response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new UserStreamException($"{method} {path}: HTTP {(int)response.StatusCode} {Trim(body)}");
        }

        return Parse(method, path, body);
    }

    private static JsonDocument Parse(HttpMethod method, string path, string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new UserStreamException($"{method} {path}: the answer is not JSON ({e.Message})");
        }
    }

    // The venue's error text, kept short; it never holds our key or secret (they are in headers and the signature only).
    private static string Trim(string body) => body.Length <= 200 ? body : body[..200];

    public void Dispose() => _http.Dispose();
}
