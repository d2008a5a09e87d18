using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Engine.Sim;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.Market;

/// <summary>
/// The market socket seen byte by byte from a client that speaks RFC 6455 by hand: one WebSocket frame per market
/// message (FIN set, text opcode), the server's pings, and the disconnect of a client that never answers them.
/// </summary>
public sealed class RawWebSocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task EveryMarketMessage_IsOneFinalTextFrame_HoldingOneJsonPayload()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o => o.Speed = 20);
        using var client = await RawClient.ConnectAsync(server.Port, "/market/stream?streams=btcusdt@aggTrade/btcusdt@trade");
        int frames = 0;
        while (frames < 80)
        {
            (int opcode, bool fin, byte[] payload) = await client.ReadFrameAsync();
            Assert.True(fin);
            Assert.Equal(1, opcode);
            using JsonDocument doc = JsonDocument.Parse(payload); // exactly one JSON value per frame
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
            frames++;
        }
    }

    [Fact]
    public async Task ServerPings_AndDropsAClientThatNeverPongs()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o =>
        {
            o.Speed = 0.001;
            o.Market.PingInterval = TimeSpan.FromMilliseconds(200);
            o.Market.PongTimeout = TimeSpan.FromMilliseconds(600);
        });
        using var client = await RawClient.ConnectAsync(server.Port, "/market/ws/btcusdt@aggTrade");
        int opcode;
        do
        {
            (opcode, _, _) = await client.ReadFrameAsync(); // the first trade's frames go out at once, then a ping
        }
        while (opcode == 1);
        Assert.Equal(9, opcode);

        // Never answer: the server gives up on this connection.
        Assert.True(await client.ReadsUntilClosedAsync(Wait), "still open long after the pong timeout");
        Assert.True(Deadline.WaitUntil(() => server.Exchange.MarketSide!.Hub.Open == 0, Wait));
    }

    [Fact]
    public async Task AClientThatPongs_StaysConnectedPastThePongTimeout()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o =>
        {
            o.Speed = 0.001;
            o.Market.PingInterval = TimeSpan.FromMilliseconds(200);
            o.Market.PongTimeout = TimeSpan.FromMilliseconds(600);
        });
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws/btcusdt@aggTrade"); // .NET answers pings
        await Task.Delay(2000);
        await client.SendAsync("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}");
        Assert.Equal("{\"result\":[\"btcusdt@aggTrade\"],\"id\":1}", await client.ReceiveReplyAsync(Wait));
    }

    /// <summary>A minimal RFC 6455 client: handshake, unmasked-frame reader; it never answers pings.</summary>
    private sealed class RawClient : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;

        private RawClient(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
        }

        public static async Task<RawClient> ConnectAsync(int port, string path)
        {
            var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", port);
            var client = new RawClient(tcp);
            string request = $"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await client._stream.WriteAsync(Encoding.ASCII.GetBytes(request));
            string head = await client.ReadHeadAsync();
            Assert.StartsWith("HTTP/1.1 101", head, StringComparison.Ordinal);

            // RFC 6455 section 1.3's own example: this key's accept value is s3pPLMBiTxaQ9kYGzzhZRbK+xOo=.
            Assert.Contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head, StringComparison.OrdinalIgnoreCase);
            return client;
        }

        public async Task<(int Opcode, bool Fin, byte[] Payload)> ReadFrameAsync()
        {
            byte[] h = await ReadExactAsync(2);
            long length = h[1] & 0x7F;
            Assert.Equal(0, h[1] & 0x80); // server frames are never masked
            if (length == 126)
            {
                byte[] l = await ReadExactAsync(2);
                length = (l[0] << 8) | l[1];
            }
            else if (length == 127)
            {
                byte[] l = await ReadExactAsync(8);
                length = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(l);
            }

            return (h[0] & 0x0F, (h[0] & 0x80) != 0, await ReadExactAsync((int)length));
        }

        /// <summary>Reads (and ignores) frames until the server ends the connection; false if it is still open at the deadline.</summary>
        public async Task<bool> ReadsUntilClosedAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            byte[] sink = new byte[4096];
            try
            {
                while (await _stream.ReadAsync(sink, cts.Token) > 0)
                {
                }

                return true;
            }
            catch (IOException)
            {
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            _stream.Dispose();
            _tcp.Dispose();
        }

        private async Task<string> ReadHeadAsync()
        {
            var head = new StringBuilder();
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                head.Append((char)(await ReadExactAsync(1))[0]);
            }

            return head.ToString();
        }

        private async Task<byte[]> ReadExactAsync(int count)
        {
            byte[] buffer = new byte[count];
            using var cts = new CancellationTokenSource(Wait);
            await _stream.ReadExactlyAsync(buffer, cts.Token);
            return buffer;
        }
    }
}
