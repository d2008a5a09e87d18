using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Market;
using Engine.Sim.Tape;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.Market;

/// <summary>
/// Every market payload the sim emits has the field names, JSON types, nesting and field order of a recorded Binance
/// payload of the same kind (real captures where there are some: cryptofeed's aggTrade stream, hftbacktest's USD-M
/// trade stream; otherwise the Nautilus and Binance.Net fixtures, see data/README.md).
/// </summary>
public sealed class ConformanceTests
{
    private const long T0 = 1_723_161_256_300;

    private static FrameStore Frames()
    {
        var r = new SymbolRegistry();
        Trade[] trades = [MarketTapes.Raw(r, "BTCUSDT", 1, "61800.3", "0.006", T0), MarketTapes.Raw(r, "BTCUSDT", 2, "61800.4", "0.006", T0 + 900)];
        return FrameStore.Build(SimTape.Of(trades, r), [new MarketSymbol(0, "BTCUSDT", 2, 3, false)]);
    }

    private static MarketFrame Frame(StreamKind kind) => Frames().Frames.First(f => f.Kind == kind);

    private static string GzLine(string[] path, string contains)
    {
        using var gz = new GZipStream(File.OpenRead(RepoData.Path(path)), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (reader.ReadLine() is string line)
        {
            if (line.Contains(contains, StringComparison.Ordinal))
            {
                return line[line.IndexOf('{', StringComparison.Ordinal)..];
            }
        }

        throw new InvalidDataException($"no line with {contains}");
    }

    /// <summary>A Binance.Net fixture's payload: the JSON after its header lines (REST) or after its "=" line (streams).</summary>
    private static string BinanceNet(string[] path)
    {
        string text = File.ReadAllText(RepoData.Path(path));
        int at = text.IndexOf("\n=", StringComparison.Ordinal);
        return at >= 0 ? text[(text.IndexOf('{', at) - 0)..] : text[text.IndexOf('{', StringComparison.Ordinal)..];
    }

    private static string Nautilus(string file) => File.ReadAllText(RepoData.Path("binance", "rest", "nautilus", "integration_http_responses", file));

    [Fact]
    public void AggTrade_MatchesBinancesRecordedFuturesStream() =>
        AssertSameShape(GzLine(["binance", "ws", "cryptofeed", "BINANCE_FUTURES-1125a2.0.gz"], "@aggTrade\""), Encoding.UTF8.GetString(Frame(StreamKind.AggTrade).Combined));

    [Fact]
    public void Trade_MatchesBinancesRecordedUsdmStream() =>
        AssertSameShape(GzLine(["binance", "ws", "hftbacktest", "usdm", "btcusdt_20240808.gz"], "@trade\""), Encoding.UTF8.GetString(Frame(StreamKind.Trade).Combined));

    [Fact]
    public void MarkPrice_MatchesTheMarkPriceStreamFixture() =>
        AssertSameShape(BinanceNet(["binance", "ws", "binance_net", "UsdFutures_Subscriptions", "MarkPrice.txt"]), Encoding.UTF8.GetString(Frame(StreamKind.MarkPrice1s).Combined));

    [Fact]
    public void RawStream_IsTheCombinedEnvelopesData()
    {
        MarketFrame frame = Frame(StreamKind.AggTrade);
        using JsonDocument combined = JsonDocument.Parse(frame.Combined);
        Assert.Equal(["stream", "data"], combined.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("btcusdt@aggTrade", combined.RootElement.GetProperty("stream").GetString());
        Assert.Equal(Encoding.UTF8.GetString(frame.Raw), combined.RootElement.GetProperty("data").GetRawText());
    }

    [Fact]
    public async Task RestAndSubscriptionReplies_MatchTheirFixtures()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o => o.Speed = 20);
        await using (MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws"))
        {
            await client.SendAsync("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":1}");
            string recorded = File.ReadAllLines(RepoData.Path("binance", "ws", "binance_net", "UsdFutures_Subscriptions", "AggTrades.txt"))[1][2..].Replace("|1|", "1", StringComparison.Ordinal);
            AssertSameShape(recorded, (await client.ReceiveReplyAsync(TimeSpan.FromSeconds(20)))!);
        }

        await server.Exchange.TapeEnded.WaitAsync(TimeSpan.FromSeconds(20));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        async Task<string> Get(string path) => await http.GetStringAsync(new Uri(path, UriKind.Relative));
        AssertSameShape(Nautilus("http_futures_market_agg_trades.json"), await Get("/fapi/v1/aggTrades?symbol=BTCUSDT&limit=2"));
        AssertSameShape(Nautilus("http_futures_market_premium_index.json"), await Get("/fapi/v1/premiumIndex?symbol=BTCUSDT"));
        AssertSameShape(BinanceNet(["binance", "rest", "binance_net", "UsdFutures_Endpoints", "ExchangeData_GetServerTime.txt"]), await Get("/fapi/v1/time"));

        // exchangeInfo: the sim serves a recorded answer (2021); its top level and rateLimits match the 2022 fixture's.
        using JsonDocument fixture = JsonDocument.Parse(Nautilus("http_futures_market_exchange_info.json"));
        using JsonDocument served = JsonDocument.Parse(await Get("/fapi/v1/exchangeInfo"));
        Assert.Equal(fixture.RootElement.EnumerateObject().Select(p => (p.Name, Kind(p.Value))), served.RootElement.EnumerateObject().Select(p => (p.Name, Kind(p.Value))));
        AssertSameShape(fixture.RootElement.GetProperty("rateLimits").GetRawText(), served.RootElement.GetProperty("rateLimits").GetRawText());
    }

    /// <summary>Same property names in the same order, same JSON types, same nesting (arrays: their first elements).</summary>
    internal static void AssertSameShape(string recorded, string emitted)
    {
        using JsonDocument a = JsonDocument.Parse(recorded);
        using JsonDocument b = JsonDocument.Parse(emitted);
        Compare(a.RootElement, b.RootElement, "$");
    }

    private static void Compare(JsonElement recorded, JsonElement emitted, string path)
    {
        Assert.True(Kind(recorded) == Kind(emitted), $"{path}: recorded {recorded.ValueKind}, emitted {emitted.ValueKind}");
        if (recorded.ValueKind == JsonValueKind.Object)
        {
            string[] want = [.. recorded.EnumerateObject().Select(p => p.Name)];
            string[] got = [.. emitted.EnumerateObject().Select(p => p.Name)];
            Assert.True(want.SequenceEqual(got), $"{path}: recorded fields {string.Join(",", want)}; emitted {string.Join(",", got)}");
            foreach (JsonProperty p in recorded.EnumerateObject())
            {
                Compare(p.Value, emitted.GetProperty(p.Name), $"{path}.{p.Name}");
            }
        }
        else if (recorded.ValueKind == JsonValueKind.Array && recorded.GetArrayLength() > 0 && emitted.GetArrayLength() > 0)
        {
            Compare(recorded[0], emitted[0], path + "[0]");
        }
    }

    private static string Kind(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? "bool" : e.ValueKind.ToString();
}
