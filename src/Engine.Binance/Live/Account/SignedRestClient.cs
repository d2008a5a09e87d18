using System.Globalization;
using System.Text;
using System.Text.Json;
using Engine.Binance.Live.Orders;

namespace Engine.Binance.Live.Account;

/// <summary>
/// Signed REST calls of the cold paths (start-up checks, the dead-man heartbeat): <c>recvWindow</c> and
/// <c>timestamp</c> appended, the query string signed by the run's <see cref="IRequestSigner"/> (HMAC-SHA256 hex or
/// Ed25519 base64, percent-encoded; binance-usdm §11.4), the API key in <c>X-MBX-APIKEY</c>. Every answer comes back
/// as a <see cref="VenueReply"/> (status, Binance's code and message, the JSON); a transport failure as status 0.
/// Nothing it returns or throws holds the key or the secret.
/// </summary>
internal sealed class SignedRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly VenueAccess _access;

    public SignedRestClient(VenueAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        _access = access;
        _http = new HttpClient { BaseAddress = access.RestBase, Timeout = access.RequestTimeout };
    }

    /// <summary>The query string with <c>recvWindow</c>, <c>timestamp</c> and <c>signature</c> added to <paramref name="parameters"/>.</summary>
    public static string Sign(IRequestSigner signer, string parameters, long recvWindowMs, long timestampMs)
    {
        string query = (parameters.Length > 0 ? parameters + "&" : "")
            + "recvWindow=" + recvWindowMs.ToString(CultureInfo.InvariantCulture)
            + "&timestamp=" + timestampMs.ToString(CultureInfo.InvariantCulture);
        byte[] signature = new byte[signer.MaxSignatureLength];
        int length = signer.Sign(Encoding.ASCII.GetBytes(query), signature);
        return query + "&signature=" + Uri.EscapeDataString(Encoding.ASCII.GetString(signature, 0, length));
    }

    /// <summary>A signed request (USER_DATA/TRADE security).</summary>
    public Task<VenueReply> SignedAsync(HttpMethod method, string path, string parameters, CancellationToken cancel) =>
        SendAsync(method, path + "?" + Sign(_access.Credentials.Signer, parameters, _access.RecvWindowMs, _access.ServerTimeMs()), cancel);

    /// <summary>A public GET (exchangeInfo).</summary>
    public Task<VenueReply> PublicAsync(string pathAndQuery, CancellationToken cancel) => SendAsync(HttpMethod.Get, pathAndQuery, cancel, signed: false);

    private async Task<VenueReply> SendAsync(HttpMethod method, string pathAndQuery, CancellationToken cancel, bool signed = true)
    {
        string path = pathAndQuery.Split('?')[0];
        try
        {
            using var request = new HttpRequestMessage(method, pathAndQuery);
            if (signed)
            {
                request.Headers.Add("X-MBX-APIKEY", _access.Credentials.ApiKey);
            }

            using HttpResponseMessage response = await _http.SendAsync(request, cancel).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            return VenueReply.Of(method.Method + " " + path, (int)response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return VenueReply.Failed(method.Method + " " + path, e is TaskCanceledException ? "timed out" : e.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One REST answer: the HTTP status (0: no answer), Binance's error code and message, and the JSON body.</summary>
internal sealed record VenueReply(string Call, int Status, int Code, string Message, JsonElement Json)
{
    public bool Ok => Status is >= 200 and < 300 && Code is 0 or 200;

    public static VenueReply Of(string call, int status, string body)
    {
        JsonElement json = default;
        int code = 0;
        string message = "";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            json = doc.RootElement.Clone();
            if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("code", out JsonElement c) && c.TryGetInt32(out code))
            {
                message = json.TryGetProperty("msg", out JsonElement m) ? m.GetString() ?? "" : "";
            }
        }
        catch (JsonException)
        {
            message = "the answer is not JSON: " + (body.Length <= 120 ? body : body[..120]);
        }

        return new VenueReply(call, status, code, message, json);
    }

    public static VenueReply Failed(string call, string reason) => new(call, 0, 0, reason, default);

    /// <summary>What went wrong, for a refusal or a log line: <c>POST /fapi/v1/leverage: HTTP 400 -4028 Leverage 200 is not valid</c>.</summary>
    public string Describe() => Status == 0
        ? $"{Call}: no answer ({Message})"
        : $"{Call}: HTTP {Status}{(Code != 0 ? " " + Code.ToString(CultureInfo.InvariantCulture) : "")} {Message}".TrimEnd();
}
