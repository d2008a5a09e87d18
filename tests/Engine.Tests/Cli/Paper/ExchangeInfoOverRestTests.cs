using System.Net;
using System.Text;
using Engine.Binance.ExchangeInfo;
using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Model;
using Engine.Pipeline;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Market;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Paper;

/// <summary>exchangeInfo read over REST at a paper run's start (from the sim on loopback) and refreshed while it runs.</summary>
public sealed class ExchangeInfoOverRestTests
{
    private static SimTape OneTrade()
    {
        var symbols = new SymbolRegistry();
        return SimTape.Of([MarketTapes.Raw(symbols, "BTCUSDT", 1, "61800.3", "0.006", 1_723_161_256_322)], symbols);
    }

    [Fact]
    public async Task Fetch_FromTheSim_ReadsFiltersAndRateLimitsOfTheRecordedAnswer()
    {
        await using SimServer server = await MarketTapes.Host(OneTrade());
        using var http = new HttpClient();

        ExchangeInfoDocument venue = await ExchangeInfoClient.FetchAsync(http, server.BaseAddress, CancellationToken.None);

        // Binance's recorded answer (2021-07-21): BTCUSDT tick 0.01, step 0.001; 2400 weight/min, 1200 orders/min, 300 orders/10 s.
        Assert.True(venue.TryGetFilters("BTCUSDT", out SymbolFilters btc));
        Assert.Equal(1_000_000L, btc.TickSize.E8);
        Assert.Equal(100_000L, btc.StepSize.E8);
        Assert.Equal(
            ["REQUEST_WEIGHT 2400/1M", "ORDERS 1200/1M", "ORDERS 300/10S"],
            venue.RateLimits.Select(l => l.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(10), venue.RateLimits[2].Window);
        Assert.Equal(TimeSpan.FromMinutes(1), venue.RateLimits[0].Window);
    }

    [Fact]
    public async Task Fetch_429_IsUnavailable_WithStatusRetryAfterAndBinancesMessage()
    {
        using var http = new HttpClient(new Answering(() =>
        {
            var r = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("""{"code":-1003,"msg":"Too many requests."}""") };
            r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            return r;
        }));

        var e = await Assert.ThrowsAsync<ExchangeInfoUnavailableException>(
            () => ExchangeInfoClient.FetchAsync(http, new Uri("http://127.0.0.1:1"), CancellationToken.None));

        Assert.Equal((HttpStatusCode)429, e.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), e.RetryAfter);
        Assert.Contains("HTTP 429", e.Message, StringComparison.Ordinal);
        Assert.Contains("Retry-After 7 s", e.Message, StringComparison.Ordinal);
        Assert.Contains("-1003", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<html>gateway</html>", "not JSON")]
    [InlineData("""{"symbols":[]}""", "no usable symbol")]
    public async Task Fetch_AnAnswerThatIsNoDocument_IsUnavailable(string body, string said)
    {
        using var http = new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) }));

        var e = await Assert.ThrowsAsync<ExchangeInfoUnavailableException>(
            () => ExchangeInfoClient.FetchAsync(http, new Uri("http://127.0.0.1:1"), CancellationToken.None));

        Assert.Contains(said, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_NobodyListening_IsUnavailable_NamingTheUrl()
    {
        int port;
        await using (SimServer server = await MarketTapes.Host(OneTrade()))
        {
            port = server.Port; // closed when disposed: nothing listens there now
        }

        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<ExchangeInfoUnavailableException>(
            () => ExchangeInfoClient.FetchAsync(http, new Uri($"http://127.0.0.1:{port}"), CancellationToken.None));

        Assert.Contains($"GET http://127.0.0.1:{port}/fapi/v1/exchangeInfo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setups_TakeEachSymbolsVenueFilters_InTheGivenOrder()
    {
        ExchangeInfoDocument venue = ExchangeInfoLoader.Parse(Document(("BTCUSDT", "TRADING", "0.10", "0.001"), ("ETHUSDT", "TRADING", "0.01", "0.01")));
        var options = new EngineOptions();

        IReadOnlyList<SymbolSetup> setups = PaperSymbols.Setups(PaperSymbols.ParseList("ethusdt, BTCUSDT"), venue, options, "the venue");

        Assert.Equal(["ETHUSDT", "BTCUSDT"], setups.Select(s => s.Name));
        Assert.Equal(1_000_000L, setups[0].Filters.TickSize.E8);   // 0.01
        Assert.Equal(1_000_000L, setups[0].Filters.StepSize.E8);   // 0.01
        Assert.Equal(10_000_000L, setups[1].Filters.TickSize.E8);  // 0.10
        Assert.Equal(100_000L, setups[1].Filters.StepSize.E8);     // 0.001
        Assert.All(setups, s => Assert.Equal(options.Symbol.BarSize, s.BarSize));
    }

    [Fact]
    public void Setups_UnlistedOrNotTradingSymbols_AreOneConfigurationErrorNamingEach()
    {
        ExchangeInfoDocument venue = ExchangeInfoLoader.Parse(Document(("BTCUSDT", "TRADING", "0.10", "0.001"), ("LUNAUSDT", "SETTLING", "0.001", "1")));

        var e = Assert.Throws<ConfigurationException>(() => PaperSymbols.Setups(["LUNAUSDT", "BTCUSDT", "DOGEUSDT"], venue, new EngineOptions(), "the venue"));

        Assert.Equal(["LUNAUSDT: status SETTLING in the venue, not TRADING", "DOGEUSDT: not a usable symbol of the venue"], e.Errors);
    }

    [Theory]
    [InlineData("BTCUSDT,BTCUSDT", "named twice")]
    [InlineData("BTCUSDT,,ETHUSDT", "'' is not a symbol name")]
    [InlineData("BTC-USDT", "'BTC-USDT' is not a symbol name")]
    public void ParseList_BadLists_AreConfigurationErrors(string text, string said)
    {
        var e = Assert.Throws<ConfigurationException>(() => PaperSymbols.ParseList(text));

        Assert.Contains(said, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_NamesChangedFiltersStatusAndLimits_KeepsTheLastGoodDocumentOnFailure()
    {
        ExchangeInfoDocument start = ExchangeInfoLoader.Parse(Document(("BTCUSDT", "TRADING", "0.10", "0.001"), ("ETHUSDT", "TRADING", "0.01", "0.01")));
        ExchangeInfoDocument changed = ExchangeInfoLoader.Parse(Document(("BTCUSDT", "TRADING", "0.10", "0.002"), ("ETHUSDT", "BREAK", "0.01", "0.01")).Replace("2400", "1200", StringComparison.Ordinal));
        var answers = new Queue<Func<ExchangeInfoDocument>>([() => changed, () => throw new ExchangeInfoUnavailableException("HTTP 503")]);
        await using var refresher = new ExchangeInfoRefresher(start, ["BTCUSDT", "ETHUSDT"], TimeSpan.FromHours(1), _ => Task.FromResult(answers.Dequeue()()));

        await refresher.RefreshOnceAsync(CancellationToken.None);
        await refresher.RefreshOnceAsync(CancellationToken.None);

        Assert.Equal(1, refresher.Refreshes);
        Assert.Equal(1, refresher.Failures);
        Assert.Equal("HTTP 503", refresher.LastError);
        Assert.Same(changed, refresher.Current);
        Assert.Equal(
            [
                "BTCUSDT: stepSize 0.001 -> 0.002 (the run keeps its start-up filters)",
                "BTCUSDT: minQty 0.001 -> 0.002 (the run keeps its start-up filters)", // Document() sets minQty to the step
                "BTCUSDT: market stepSize 0.001 -> 0.002 (the run keeps its start-up filters)", // no MARKET_LOT_SIZE: LOT_SIZE's
                "BTCUSDT: market minQty 0.001 -> 0.002 (the run keeps its start-up filters)",
                "ETHUSDT: status TRADING -> BREAK",
                "rate limits: [REQUEST_WEIGHT 2400/1M] -> [REQUEST_WEIGHT 1200/1M]",
            ],
            refresher.Changes.Select(c => c[(c.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
    }

    [Fact]
    public async Task Refresh_OnItsPeriod_ReadsTheSimAgain()
    {
        await using SimServer server = await MarketTapes.Host(OneTrade());
        using var http = new HttpClient();
        ExchangeInfoDocument start = await ExchangeInfoClient.FetchAsync(http, server.BaseAddress, CancellationToken.None);
        await using var refresher = new ExchangeInfoRefresher(start, ["BTCUSDT"], TimeSpan.FromMilliseconds(20),
            c => ExchangeInfoClient.FetchAsync(http, server.BaseAddress, c));

        refresher.Start();

        Assert.True(Deadline.WaitUntil(() => refresher.Refreshes >= 2, TimeSpan.FromSeconds(30)), $"refreshes {refresher.Refreshes}, failures {refresher.Failures}: {refresher.LastError}");
        Assert.Empty(refresher.Changes); // the same recorded answer every time
    }

    /// <summary>An exchangeInfo answer with one REQUEST_WEIGHT limit and symbols of the given status, tick and step.</summary>
    private static string Document(params (string Name, string Status, string Tick, string Step)[] symbols)
    {
        var json = new StringBuilder("""{"rateLimits":[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":2400}],"symbols":[""");
        json.AppendJoin(',', symbols.Select(s =>
            $$"""{"symbol":"{{s.Name}}","status":"{{s.Status}}","contractType":"PERPETUAL","filters":[{"filterType":"PRICE_FILTER","tickSize":"{{s.Tick}}","minPrice":"0.1","maxPrice":"1000000"},{"filterType":"LOT_SIZE","stepSize":"{{s.Step}}","minQty":"{{s.Step}}","maxQty":"1000"},{"filterType":"MIN_NOTIONAL","notional":"5"}]}"""));
        return json.Append("]}").ToString();
    }

    private sealed class Answering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(answer());
    }
}
