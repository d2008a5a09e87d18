using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Engine.Sim.Tape;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Engine.Tests.Sim.User;

/// <summary>
/// A scripted WS API client: builds Binance's request envelope, signs as Binance's "WebSocket API General Info" says
/// (every parameter but <c>signature</c>, sorted by name, <c>k=v&amp;…</c>; HMAC-SHA256 hex or Ed25519 base64, the
/// signatures computed here with .NET's HMAC and BouncyCastle's Ed25519, not the sim's code), and reads responses.
/// </summary>
internal sealed class WsApiClient : IDisposable
{
    private int _nextId;

    private WsApiClient(ClientWebSocket socket) => Socket = socket;

    public ClientWebSocket Socket { get; }

    public static async Task<WsApiClient> ConnectAsync(UserSimHost host, string query = "") =>
        new(await host.ConnectAsync("/ws-fapi/v1" + query));

    /// <summary>Order parameters of a resting BTCUSDT limit buy (the harness's filters: tick 0.10, step 0.001).</summary>
    public static List<(string, object)> LimitBuy(string price = "43187.00", string quantity = "0.100") =>
        [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"), ("quantity", quantity), ("price", price)];

    /// <summary>Sends a request; parameters are (name, string or long or bool); returns its id.</summary>
    public async Task<string> SendAsync(string method, IEnumerable<(string Name, object Value)>? parameters = null, string? sign = null, long? timestamp = null, string apiKey = UserSimHost.ApiKey)
    {
        var p = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters ?? [])
        {
            p[name] = value;
        }

        if (sign is not null || timestamp is not null || method.StartsWith("order.", StringComparison.Ordinal))
        {
            p["timestamp"] = timestamp ?? TapeClock.WallClockMs;
        }

        if (sign is not null)
        {
            p["apiKey"] = sign == "hmac" ? apiKey : UserSimHost.EdApiKey;
            string payload = string.Join('&', p.Select(kv => kv.Key + "=" + Text(kv.Value)));
            p["signature"] = sign == "hmac" ? Hmac(UserSimHost.Secret, payload) : Ed25519(payload);
        }

        string id = "req-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        string json = JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = id, ["method"] = method, ["params"] = p });
        await SendRawAsync(json);
        return id;
    }

    public Task SendRawAsync(string json) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public async Task<JsonElement> ReceiveAsync()
    {
        string text = await Socket.ReceiveTextAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Sends and returns the response (checked to carry the request's id).</summary>
    public async Task<JsonElement> CallAsync(string method, IEnumerable<(string Name, object Value)>? parameters = null, string? sign = null, long? timestamp = null)
    {
        string id = await SendAsync(method, parameters, sign, timestamp);
        JsonElement response = await ReceiveAsync();
        Assert.Equal(id, response.GetProperty("id").GetString());
        return response;
    }

    public static string Hmac(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    public static string Ed25519(string payload)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, new Ed25519PrivateKeyParameters(Convert.FromHexString(UserSimHost.EdSecretHex)));
        byte[] data = Encoding.UTF8.GetBytes(payload);
        signer.BlockUpdate(data, 0, data.Length);
        return Convert.ToBase64String(signer.GenerateSignature());
    }

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    public void Dispose() => Socket.Dispose();
}
