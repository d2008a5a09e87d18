using System.Net.WebSockets;
using System.Text;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Sim.Trading;
using System.Text.Json;

namespace Engine.Tests.Sim.User;

/// <summary>Hosts a sim with an empty tape on port 0 for the user-side tests, with a loopback HTTP client and socket helpers.</summary>
internal sealed class UserSimHost : IAsyncDisposable
{
    public const string ApiKey = "user-test-key";
    public const string Secret = "user-test-secret";
    public const string EdApiKey = "user-ed25519-key";

    /// <summary>RFC 8032 §7.1 test 1: the Ed25519 secret of <see cref="EdApiKey"/> (its public key is registered in the accounts).</summary>
    public const string EdSecretHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string EdPublicHex = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private UserSimHost(SimServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimServer Server { get; }

    public SimExchange Exchange => Server.Exchange;

    public HttpClient Http { get; }

    public static async Task<UserSimHost> StartAsync(Action<SimOptions>? configure = null, SimFaults? faults = null)
    {
        var options = new SimOptions { NoWait = true, LingerSeconds = 0 };
        configure?.Invoke(options);
        string pem = JsonSerializer.Serialize(Trading.SignatureTests.PemOf(Convert.FromHexString(EdPublicHex)));
        var exchange = new SimExchange(options, SimTape.Of([], new SymbolRegistry(["BTCUSDT"])), faults)
        {
            Accounts = SimAccounts.Parse($$$"""
                {"accounts":[
                  {"apiKey":"{{{ApiKey}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"10000"}},
                  {"apiKey":"{{{EdApiKey}}}","secretKey":"unused","ed25519PublicKey":{{{pem}}},"balances":{"USDT":"10000"}},
                  {"apiKey":"another-account","secretKey":"s2"},
                  {"apiKey":"other-account","secretKey":"s3"}]}
                """),
        };
        return new UserSimHost(await SimServer.StartAsync(exchange));
    }

    /// <summary>Sends a listenKey request with the API key header and returns (status, body).</summary>
    public async Task<(int Status, string Body)> ListenKeyAsync(HttpMethod method, string? apiKey = ApiKey)
    {
        using var request = new HttpRequestMessage(method, "/fapi/v1/listenKey");
        if (apiKey is not null)
        {
            request.Headers.Add("X-MBX-APIKEY", apiKey);
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs a listenKey and returns it.</summary>
    public async Task<string> NewListenKeyAsync(string apiKey = ApiKey)
    {
        (int status, string body) = await ListenKeyAsync(HttpMethod.Post, apiKey);
        Assert.Equal(200, status);
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("listenKey").GetString()!;
    }

    public async Task<ClientWebSocket> ConnectAsync(string pathAndQuery)
    {
        var ws = new ClientWebSocket();
        var uri = new Uri($"ws://127.0.0.1:{Server.Port}{pathAndQuery}");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ws.ConnectAsync(uri, cts.Token);
        return ws;
    }

    /// <summary>Publishes an event as the desk does.</summary>
    public void Publish(string eventType, string json, string apiKey = ApiKey) =>
        Exchange.PublishUserEvent(apiKey, eventType, Encoding.UTF8.GetBytes(json));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>Reading whole text messages from a client socket with a deadline.</summary>
internal static class SocketReading
{
    public static async Task<string> ReceiveTextAsync(this ClientWebSocket ws, double timeoutSeconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult r = await ws.ReceiveAsync(buffer, cts.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                throw new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"closed by the server: {r.CloseStatus} {r.CloseStatusDescription}");
            }

            message.Write(buffer, 0, r.Count);
            if (r.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    /// <summary>Reads until the server closes or drops the socket; returns the close status (null when dropped without a close frame).</summary>
    public static async Task<WebSocketCloseStatus?> ReadUntilClosedAsync(this ClientWebSocket ws, double timeoutSeconds = 30)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                WebSocketReceiveResult r = await ws.ReceiveAsync(buffer, cts.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return r.CloseStatus;
                }
            }
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}
