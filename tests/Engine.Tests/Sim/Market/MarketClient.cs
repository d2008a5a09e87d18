using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Engine.Sim;

namespace Engine.Tests.Sim.Market;

/// <summary>A scripted market-stream client over loopback: connect, send text, receive one message at a time.</summary>
internal sealed class MarketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<string?> _received = Channel.CreateUnbounded<string?>();
    private Task _reader = Task.CompletedTask;

    public WebSocket Socket => _socket;

    /// <summary>Connects and keeps reading in the background (so pings are answered, as a live client does).</summary>
    public static async Task<MarketClient> ConnectAsync(SimServer server, string pathAndQuery)
    {
        var client = new MarketClient();
        await client._socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}{pathAndQuery}"), CancellationToken.None);
        client._reader = Task.Run(client.ReadAsync);
        return client;
    }

    public Task SendAsync(string text) => _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next text message, or null when the connection has ended (or nothing came within <paramref name="timeout"/>).</summary>
    public async Task<string?> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            return null;
        }
    }

    private async Task ReadAsync()
    {
        byte[] buffer = new byte[1 << 16];
        var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, r.Count);
                if (r.EndOfMessage)
                {
                    _received.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
                    message.SetLength(0);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            _received.Writer.TryComplete();
        }
    }

    /// <summary>The next message that is not market data (a reply to a request), or null when the connection ended.</summary>
    public async Task<string?> ReceiveReplyAsync(TimeSpan timeout)
    {
        while (true)
        {
            string? m = await ReceiveAsync(timeout);
            if (m is null || !(m.StartsWith("{\"e\":", StringComparison.Ordinal) || m.StartsWith("{\"stream\":", StringComparison.Ordinal)))
            {
                return m;
            }
        }
    }

    /// <summary>Every message until the connection ends or <paramref name="quiet"/> passes without one.</summary>
    public async Task<List<string>> ReceiveAllAsync(TimeSpan quiet)
    {
        var all = new List<string>();
        while (await ReceiveAsync(quiet) is string m)
        {
            all.Add(m);
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
            }
        }

        _socket.Dispose();
        await _reader;
    }

    /// <summary>The <c>data</c> of a combined-stream message, or the message itself.</summary>
    public static JsonElement Data(string message)
    {
        JsonElement root = JsonDocument.Parse(message).RootElement;
        return root.TryGetProperty("data", out JsonElement data) ? data : root;
    }
}
