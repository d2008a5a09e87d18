using Engine.Cli.Configuration;

namespace Engine.Tests.Cli.Paper;

public sealed class BinanceEndpointsTests
{
    [Theory]
    [InlineData(BinanceNetwork.Production, "https://fapi.binance.com/", "wss://fstream.binance.com/")]
    [InlineData(BinanceNetwork.Testnet, "https://testnet.binancefuture.com/", "wss://fstream.binancefuture.com/")]
    [InlineData(BinanceNetwork.Demo, "https://demo-fapi.binance.com/", "wss://demo-fstream.binance.com/")]
    public void Resolve_WithoutEndpoint_IsTheConfiguredNetworksHosts(BinanceNetwork network, string rest, string stream)
    {
        BinanceEndpoints e = BinanceEndpoints.Resolve(new BinanceOptions { Network = network }, endpoint: null);

        Assert.Equal(rest, e.Rest.AbsoluteUri);
        Assert.Equal(stream, e.Stream.AbsoluteUri);
    }

    [Fact]
    public void Resolve_Default_IsProductionMarketData()
    {
        BinanceEndpoints e = BinanceEndpoints.Resolve(new BinanceOptions(), endpoint: null);

        Assert.Equal("https://fapi.binance.com/fapi/v1/exchangeInfo", e.RestPath("/fapi/v1/exchangeInfo").AbsoluteUri);
        Assert.Equal("wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade", e.StreamPath("/market/stream?streams=btcusdt@aggTrade").ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:8123", "http://127.0.0.1:8123/", "ws://127.0.0.1:8123/")]
    [InlineData("http://127.0.0.1:8123/", "http://127.0.0.1:8123/", "ws://127.0.0.1:8123/")]
    [InlineData("https://proxy.example:9443", "https://proxy.example:9443/", "wss://proxy.example:9443/")]
    [InlineData("https://proxy.example", "https://proxy.example/", "wss://proxy.example/")]
    [InlineData("http://localhost", "http://localhost/", "ws://localhost/")]
    public void Resolve_Endpoint_IsOneBaseForRestAndWebSocketPaths(string endpoint, string rest, string stream)
    {
        // The endpoint wins over every host setting: the sim serves REST and WS on one port.
        var options = new BinanceOptions { Network = BinanceNetwork.Testnet, RestUrl = "https://elsewhere", StreamUrl = "wss://elsewhere" };

        BinanceEndpoints e = BinanceEndpoints.Resolve(options, endpoint);

        Assert.Equal(rest, e.Rest.AbsoluteUri);
        Assert.Equal(stream, e.Stream.AbsoluteUri);
    }

    [Fact]
    public void Resolve_HostSettings_ReplaceOneHostOfTheNetwork()
    {
        var options = new BinanceOptions { Network = BinanceNetwork.Testnet, StreamUrl = "wss://mirror.example:7443" };

        BinanceEndpoints e = BinanceEndpoints.Resolve(options, endpoint: null);

        Assert.Equal("https://testnet.binancefuture.com/", e.Rest.AbsoluteUri);
        Assert.Equal("wss://mirror.example:7443/", e.Stream.AbsoluteUri);
    }

    [Theory]
    [InlineData("127.0.0.1:8123")]            // no scheme
    [InlineData("ws://127.0.0.1:8123")]       // the REST scheme is asked for
    [InlineData("http://127.0.0.1:8123/fapi")] // a path: every path is appended to the base
    [InlineData("http://127.0.0.1:8123/?x=1")]
    [InlineData("not a url")]
    public void Resolve_BadEndpoint_IsAConfigurationErrorNamingTheOption(string endpoint)
    {
        var error = Assert.Throws<ConfigurationException>(() => BinanceEndpoints.Resolve(new BinanceOptions(), endpoint));

        Assert.StartsWith($"--endpoint {endpoint}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadHostSettings_AreConfigurationErrorsNamingKeyAndForm()
    {
        var error = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [],
            [("Binance:RestUrl", "wss://x", "--set"), ("Binance:StreamUrl", "https://x/path", "--set"), ("Binance:ExchangeInfoRefreshMinutes", "0", "--set")]));

        Assert.Contains(error.Errors, e => e.StartsWith("Binance:RestUrl = 'wss://x': must be a https://", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Binance:StreamUrl = 'https://x/path': must be a wss://", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("Binance:ExchangeInfoRefreshMinutes = 0:", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_Network_BindsFromTheBinanceSection()
    {
        var (options, _) = EngineConfigurationLoader.Load(null, [], [("Binance:Network", "testnet", "--set")]);

        Assert.Equal(BinanceNetwork.Testnet, options.Binance.Network);
    }
}
