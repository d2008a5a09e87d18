using Engine.Binance.Live.Market;

namespace Engine.Tests.Binance.Live.Market;

public sealed class StreamPlanTests
{
    [Fact]
    public void Streams_GoOnBinancesRoutes_MarketForTradesAndMarkPrice_PublicForBookTicker()
    {
        var options = new MarketFeedOptions { StreamBase = new Uri("wss://fstream.binance.com"), Symbols = ["BTCUSDT", "ETHUSDT"], Streams = ["aggTrade", "markPrice@1s", "bookTicker"] };
        IReadOnlyList<Uri> uris = StreamPlan.Connections(options);
        Assert.Equal(
            [
                "wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@markPrice@1s/ethusdt@aggTrade/ethusdt@markPrice@1s",
                "wss://fstream.binance.com/public/stream?streams=btcusdt@bookTicker/ethusdt@bookTicker",
            ],
            uris.Select(u => u.OriginalString));
    }

    [Fact]
    public void MoreStreamsThanAConnectionTakes_OpenSeveralConnections_OfAtMostTheLimit()
    {
        string[] symbols = [.. Enumerable.Range(0, 450).Select(i => $"S{i}USDT")];
        var options = new MarketFeedOptions { Symbols = symbols };
        IReadOnlyList<Uri> uris = StreamPlan.Connections(options);
        int[] counts = [.. uris.Select(u => u.OriginalString.Split("streams=")[1].Split('/').Length)];
        Assert.Equal([200, 200, 50], counts);
        Assert.All(uris, u => Assert.Contains("/market/stream?streams=", u.OriginalString, StringComparison.Ordinal));
    }

    [Fact]
    public void ForEndpoint_PutsEveryPathOnOneBase()
    {
        var options = MarketFeedOptions.ForEndpoint(new Uri("http://127.0.0.1:5123"), ["BTCUSDT"]);
        Assert.Equal("ws://127.0.0.1:5123/market/stream?streams=btcusdt@aggTrade", Assert.Single(StreamPlan.Connections(options)).OriginalString);
        Assert.Equal(new Uri("http://127.0.0.1:5123"), options.RestBase);
    }
}
