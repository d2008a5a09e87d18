using System.Net;
using System.Text.Json;
using Engine.Model;
using Engine.Sim;
using Engine.Tests.Support;
using Engine.Sim.Tape;

namespace Engine.Tests.Sim.Market;

/// <summary>The market streams over loopback: paths, the held tape, the subscription methods and connection rules.</summary>
public sealed class MarketStreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Two symbols, 40 trades each 50 ms apart over two seconds; BTCUSDT prices alternate so every trade is its own aggregate.</summary>
    internal static SimTape TwoSymbols(int count = 40, long stepMs = 50)
    {
        var r = new SymbolRegistry();
        var trades = new List<Trade>();
        for (int i = 0; i < count; i++)
        {
            trades.Add(MarketTapes.Raw(r, "BTCUSDT", 1000 + i, i % 2 == 0 ? "61800.1" : "61800.2", "0.001", 1_723_161_256_000 + (i * stepMs)));
            trades.Add(MarketTapes.Raw(r, "ETHUSDT", 5000 + i, "2600.01", "0.01", 1_723_161_256_020 + (i * stepMs)));
        }

        return SimTape.Of(trades, r);
    }

    [Fact]
    public async Task Tape_HoldsUntilTheFirstSubscription_ThenEveryFrameArrives_InOrder()
    {
        await using SimServer server = await MarketTapes.Host(TwoSymbols(), configure: o => o.Speed = 20);
        await Task.Delay(300);
        Assert.False(server.Exchange.Clock.IsRunning);
        Assert.Equal(0, server.Exchange.MarketSide!.Player.StepsPlayed);

        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/stream?streams=btcusdt@aggTrade/ethusdt@trade");
        var btcAgg = new List<long>();
        var ethTrades = new List<long>();
        while (!(btcAgg.Count == 40 && ethTrades.Count == 40))
        {
            string? m = await client.ReceiveAsync(Wait);
            Assert.True(m is not null, MarketTapes.Diagnose(server));
            using JsonDocument doc = JsonDocument.Parse(m);
            string stream = doc.RootElement.GetProperty("stream").GetString()!;
            JsonElement data = doc.RootElement.GetProperty("data");
            (stream == "btcusdt@aggTrade" ? btcAgg : ethTrades).Add(data.GetProperty(stream == "btcusdt@aggTrade" ? "a" : "t").GetInt64());
            Assert.Contains(stream, new[] { "btcusdt@aggTrade", "ethusdt@trade" });
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), btcAgg);          // a strictly sequential from 1
        Assert.Equal(Enumerable.Range(5000, 40).Select(i => (long)i), ethTrades);    // every trade id, in tape order
    }

    [Fact]
    public async Task RawPath_CarriesThePayloadAlone_AndTheWrongPathDeliversNothing()
    {
        await using SimServer server = await MarketTapes.Host(TwoSymbols(), configure: o => o.Speed = 1);
        await using MarketClient raw = await MarketClient.ConnectAsync(server, "/market/ws/btcusdt@aggTrade");
        await using MarketClient wrongPath = await MarketClient.ConnectAsync(server, "/public/ws/btcusdt@aggTrade");
        string? first = await raw.ReceiveAsync(Wait);
        Assert.NotNull(first);
        using (JsonDocument doc = JsonDocument.Parse(first))
        {
            Assert.Equal("aggTrade", doc.RootElement.GetProperty("e").GetString());
            Assert.False(doc.RootElement.TryGetProperty("stream", out _));
        }

        await server.Exchange.TapeEnded.WaitAsync(Wait);
        Assert.Equal(2, server.Exchange.MarketSide!.Hub.Open);
        Assert.Null(await wrongPath.ReceiveAsync(TimeSpan.FromMilliseconds(500)));

        using var http = new HttpClient();
        HttpResponseMessage legacy = await http.GetAsync(new Uri($"http://127.0.0.1:{server.Port}/ws/btcusdt@aggTrade"));
        Assert.Equal(HttpStatusCode.NotFound, legacy.StatusCode);
    }

    [Fact]
    public async Task SubscribeUnsubscribeList_AnswerAsBinance_AndBadRequestsGetItsErrors()
    {
        await using SimServer server = await MarketTapes.Host(TwoSymbols(), configure: o => o.Speed = 0.001);
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws");
        Assert.False(server.Exchange.Clock.IsRunning); // no stream yet

        await client.SendAsync("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\",\"ethusdt@markPrice@1s\"],\"id\":1}");
        Assert.Equal("{\"result\":null,\"id\":1}", await client.ReceiveReplyAsync(Wait));
        Assert.True(server.Exchange.Clock.IsRunning);
        await client.SendAsync("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":3}");
        Assert.Equal("{\"result\":[\"btcusdt@aggTrade\",\"ethusdt@markPrice@1s\"],\"id\":3}", await client.ReceiveReplyAsync(Wait));
        await client.SendAsync("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":312}");
        Assert.Equal("{\"result\":null,\"id\":312}", await client.ReceiveReplyAsync(Wait));
        await client.SendAsync("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
        Assert.Equal("{\"result\":[\"ethusdt@markPrice@1s\"],\"id\":4}", await client.ReceiveReplyAsync(Wait));

        await client.SendAsync("{\"method\":\"SUBSCRIBE\",\"params\":[\"BTCUSDT@nothing\"],\"id\":5}");
        Assert.Equal("{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":5}", await client.ReceiveReplyAsync(Wait));
        await client.SendAsync("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@trade\"],\"id\":\"abc\"}");
        Assert.Equal("{\"error\":{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\"},\"id\":null}", await client.ReceiveReplyAsync(Wait));
        await client.SendAsync("{\"method\":\"GET_ORDERS\",\"id\":6}");
        string? unknown = await client.ReceiveReplyAsync(Wait);
        Assert.StartsWith("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variant `GET_ORDERS`", unknown, StringComparison.Ordinal);
        Assert.EndsWith("\"id\":6}", unknown, StringComparison.Ordinal);
        await client.SendAsync("{not json");
        string? invalid = await client.ReceiveReplyAsync(Wait);
        Assert.StartsWith("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON:", invalid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoreThanTenMessagesInASecond_Disconnects()
    {
        await using SimServer server = await MarketTapes.Host(TwoSymbols(), configure: o => o.Speed = 0.001);
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws");
        for (int i = 1; i <= 11; i++)
        {
            await client.SendAsync($"{{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":{i}}}");
        }

        // Ten answers, then the connection ends (no answer to the 11th).
        for (int i = 1; i <= 10; i++)
        {
            Assert.Equal($"{{\"result\":[],\"id\":{i}}}", await client.ReceiveReplyAsync(Wait));
        }

        Assert.Null(await client.ReceiveReplyAsync(Wait));
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, client.Socket.CloseStatus);
        Assert.True(Deadline.WaitUntil(() => server.Exchange.MarketSide!.Hub.ClosedByReason().Keys.Any(k => k.Contains("incoming messages", StringComparison.Ordinal)), Wait));
    }

    [Fact]
    public async Task ConnectionLifetime_ClosesTheSocket()
    {
        await using SimServer server = await MarketTapes.Host(TwoSymbols(), configure: o =>
        {
            o.Speed = 0.001;
            o.Market.ConnectionLifetime = TimeSpan.FromMilliseconds(400);
        });
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws/btcusdt@aggTrade");
        await client.ReceiveAllAsync(Wait); // the first trade's frame, then a close frame long before the 20 s wait
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, client.Socket.CloseStatus);
        Assert.True(Deadline.WaitUntil(() => server.Exchange.MarketSide!.Hub.ClosedByReason().ContainsKey("lifetime reached"), Wait));
    }
}
