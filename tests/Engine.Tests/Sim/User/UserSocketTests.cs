using System.Net.WebSockets;
using System.Text.Json;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.User;

/// <summary>
/// The user-data sockets over loopback: Binance's <c>/private</c> paths, delivery of the desk's events intact to every
/// socket of the account, the <c>events</c> filter, <c>listenKeyExpired</c> and silence after expiry, pings and the
/// connection lifetime.
/// </summary>
public class UserSocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("/private/ws?listenKey={0}")]
    [InlineData("/private/ws/{0}")]
    public async Task RawPaths_DeliverThePublishedEventByteForByte(string pathFormat)
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync(string.Format(pathFormat, key));
        await WaitForSocketsAsync(host, 1);

        string orderUpdate = BinanceFixtures.NautilusUserData("order_update_trade.json");
        host.Publish("ORDER_TRADE_UPDATE", orderUpdate);

        Assert.Equal(orderUpdate, await ws.ReceiveTextAsync());
    }

    [Theory]
    [InlineData("/private/stream?listenKey={0}")]
    [InlineData("/private/stream?streams={0}")]
    public async Task CombinedPath_WrapsTheEventInBinancesStreamEnvelope(string pathFormat)
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync(string.Format(pathFormat, key));
        await WaitForSocketsAsync(host, 1);

        string accountUpdate = BinanceFixtures.NautilusUserData("account_update.json");
        host.Publish("ACCOUNT_UPDATE", accountUpdate);
        string frame = await ws.ReceiveTextAsync();

        // Binance.Net's OrderUpdate.txt: {"stream":"<listenKey>","data":{…}}
        JsonShape.AssertSame(BinanceFixtures.SocketPayload("UsdFutures_Subscriptions", "AccountUpdate.txt"), frame, "a", "T", "E", "e");
        using var doc = JsonDocument.Parse(frame);
        Assert.Equal(key, doc.RootElement.GetProperty("stream").GetString());
        Assert.Equal(JsonDocument.Parse(accountUpdate).RootElement.GetRawText(), doc.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task EveryLiveSocketOfTheAccount_GetsTheEvent_AndNoOtherAccountsSocket()
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();
        string otherKey = await host.NewListenKeyAsync("other-account");
        using ClientWebSocket first = await host.ConnectAsync($"/private/ws?listenKey={key}");
        using ClientWebSocket second = await host.ConnectAsync($"/private/ws/{key}");
        using ClientWebSocket other = await host.ConnectAsync($"/private/ws?listenKey={otherKey}");
        await WaitForSocketsAsync(host, 3);

        string tradeLite = BinanceFixtures.NautilusUserData("trade_lite.json");
        host.Publish("TRADE_LITE", tradeLite);
        host.Publish("TRADE_LITE", "{\"e\":\"TRADE_LITE\",\"mine\":\"other\"}", "other-account");

        Assert.Equal(tradeLite, await first.ReceiveTextAsync());
        Assert.Equal(tradeLite, await second.ReceiveTextAsync());
        Assert.Equal("{\"e\":\"TRADE_LITE\",\"mine\":\"other\"}", await other.ReceiveTextAsync());
    }

    [Fact]
    public async Task EventsFilter_DeliversOnlyTheNamedEvents()
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync($"/private/ws?listenKey={key}&events=ORDER_TRADE_UPDATE/ALGO_UPDATE");
        await WaitForSocketsAsync(host, 1);

        host.Publish("ACCOUNT_UPDATE", BinanceFixtures.NautilusUserData("account_update.json"));
        host.Publish("TRADE_LITE", BinanceFixtures.NautilusUserData("trade_lite.json"));
        string algo = BinanceFixtures.NautilusUserData("algo_update_new.json");
        host.Publish("ALGO_UPDATE", algo);

        Assert.Equal(algo, await ws.ReceiveTextAsync());
        Assert.Equal(2, host.Exchange.UserStreamStats.Filtered);
    }

    [Theory]
    [InlineData("/private/ws?listenKey=NoSuchKey")]
    [InlineData("/private/ws")]
    [InlineData("/private/stream?streams=NoSuchKey")]
    public async Task UnknownOrMissingKey_IsRefusedBeforeTheUpgrade(string path)
    {
        await using var host = await UserSimHost.StartAsync();
        await Assert.ThrowsAsync<WebSocketException>(() => host.ConnectAsync(path));
        Assert.Equal(1, host.Exchange.UserStreamStats.SocketsRefused);
    }

    [Fact]
    public async Task AfterExpiry_TheSocketGetsListenKeyExpired_ThenNothingUntilANewKey()
    {
        await using var host = await UserSimHost.StartAsync(o => o.User.ListenKeyValidity = TimeSpan.FromMilliseconds(300));
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync($"/private/ws?listenKey={key}");

        string expired = await ws.ReceiveTextAsync();
        using (var doc = JsonDocument.Parse(expired))
        {
            // Binance's USD-M page: {"e":"listenKeyExpired","E":"1736996475556","listenKey":"WsCMN0a4…"}
            JsonShape.AssertSame("{\"e\":\"listenKeyExpired\",\"E\":\"1736996475556\",\"listenKey\":\"WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv\"}", expired);
            Assert.Equal(key, doc.RootElement.GetProperty("listenKey").GetString());
        }

        host.Publish("ORDER_TRADE_UPDATE", BinanceFixtures.NautilusUserData("order_update_new.json"));
        Assert.Equal(1, host.Exchange.UserStreamStats.EventsUndelivered);
        Assert.Equal(WebSocketState.Open, ws.State); // expiry is not a disconnect (Binance: "not related to the websocket disconnection")
        await Assert.ThrowsAsync<WebSocketException>(() => host.ConnectAsync($"/private/ws?listenKey={key}"));

        string fresh = await host.NewListenKeyAsync();
        Assert.NotEqual(key, fresh);
        using ClientWebSocket again = await host.ConnectAsync($"/private/ws?listenKey={fresh}");
        string update = BinanceFixtures.NautilusUserData("order_update_new.json");
        host.Publish("ORDER_TRADE_UPDATE", update);
        Assert.Equal(update, await again.ReceiveTextAsync());
    }

    [Fact]
    public async Task Delete_ClosesTheKeysSockets()
    {
        await using var host = await UserSimHost.StartAsync();
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync($"/private/ws?listenKey={key}");
        await WaitForSocketsAsync(host, 1);

        await host.ListenKeyAsync(HttpMethod.Delete);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ws.ReadUntilClosedAsync());
    }

    [Fact]
    public async Task AClientThatNeverAnswersPings_IsDisconnected_AndOneThatReadsStays()
    {
        await using var host = await UserSimHost.StartAsync(o =>
        {
            // The reader's pong comes from its runtime's receive loop, a pool thread: on a loaded machine (CI, 2 cores, the
            // suite in parallel) 400 ms was once too short for it and both sockets were dropped. The silent one is
            // dropped whatever the timeout; the reader must answer every 100 ms ping within 2 s.
            o.User.PingInterval = TimeSpan.FromMilliseconds(100);
            o.User.PongTimeout = TimeSpan.FromSeconds(2);
        });
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket silent = await host.ConnectAsync($"/private/ws?listenKey={key}"); // never reads: its runtime never sees the pings
        using ClientWebSocket reader = await host.ConnectAsync($"/private/ws?listenKey={key}");
        Task<string> read = reader.ReceiveTextAsync(); // a pending receive answers pings with pongs

        Assert.True(Deadline.WaitUntil(() => host.Exchange.UserStreamStats.PongTimeouts == 1, Wait));
        string update = BinanceFixtures.NautilusUserData("trade_lite.json");
        host.Publish("TRADE_LITE", update);
        Assert.Equal(update, await read);
        Assert.Equal(1, host.Exchange.UserStreamStats.PongTimeouts);
    }

    [Fact]
    public async Task AtTheConnectionLifetime_TheServerCloses()
    {
        await using var host = await UserSimHost.StartAsync(o => o.User.ConnectionLifetime = TimeSpan.FromMilliseconds(300));
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync($"/private/ws?listenKey={key}");

        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ws.ReadUntilClosedAsync());
        Assert.True(Deadline.WaitUntil(() => host.Exchange.UserStreamStats.LifetimeCloses == 1, Wait));
    }

    internal static Task WaitForSocketsAsync(UserSimHost host, int count)
    {
        Assert.True(Deadline.WaitUntil(() => host.Exchange.UserStreamStats.SocketsOpened >= count, Wait), $"{count} socket(s) attached");
        return Task.CompletedTask;
    }
}
