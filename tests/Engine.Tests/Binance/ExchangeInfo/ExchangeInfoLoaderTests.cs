using Engine.Binance.ExchangeInfo;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.ExchangeInfo;

/// <summary>The loader against real exchangeInfo answers (cryptofeed capture, Nautilus and Binance.Net fixtures).</summary>
public class ExchangeInfoLoaderTests
{
    private static string Rest(params string[] parts) => RepoData.Path(["binance", "rest", .. parts]);

    [Fact]
    public void LoadFile_CryptofeedFuturesCapture_ReadsBtcusdtFilters()
    {
        ExchangeInfoDocument doc = ExchangeInfoLoader.LoadFile(Rest("cryptofeed", "futures_um_fapi_v1_exchangeInfo_2021-07-21.json.gz"));

        Assert.Empty(doc.Problems);
        Assert.Equal(122, doc.Symbols.Count);
        ExchangeInfoSymbol btc = doc.Symbols["BTCUSDT"];
        Assert.Equal("TRADING", btc.Status);
        Assert.Equal("PERPETUAL", btc.ContractType);
        SymbolFilters f = btc.Filters;
        Assert.Equal(1_000_000, f.TickSize.E8);                 // 0.01
        Assert.Equal(55_672_000_000, f.MinPrice.E8);            // 556.72
        Assert.Equal(100_000_000_000_000, f.MaxPrice.E8);       // 1,000,000
        Assert.Equal(100_000, f.StepSize.E8);                   // 0.001
        Assert.Equal(100_000, f.MinQty.E8);
        Assert.Equal(100_000_000_000, f.MaxQty.E8);             // 1000
        Assert.Equal(100_000, f.MarketStepSize.E8);
        Assert.Equal(100_000_000_000, f.MarketMaxQty.E8);
        Assert.Equal(500_000_000, f.MinNotional.E8);            // 5
        Assert.Equal(115_000_000, f.MultiplierUpE8);            // 1.1500
        Assert.Equal(85_000_000, f.MultiplierDownE8);           // 0.8500
        Assert.True(f.IsValid);
    }

    [Fact]
    public void LoadFile_CryptofeedFuturesCapture_EverySymbolHasAPositiveTickAndLot()
    {
        ExchangeInfoDocument doc = ExchangeInfoLoader.LoadFile(Rest("cryptofeed", "futures_um_fapi_v1_exchangeInfo_2021-07-21.json.gz"));
        Assert.All(doc.Symbols.Values, s =>
        {
            Assert.True(s.Filters.IsValid, s.Symbol);
            Assert.True(s.Filters.MinNotional.E8 > 0, s.Symbol);
            Assert.True(s.Filters.MultiplierUpE8 > 100_000_000 && s.Filters.MultiplierDownE8 < 100_000_000, s.Symbol);
        });
    }

    [Fact]
    public void LoadFile_NautilusFuturesFixture_ReadsAllThreeSymbols()
    {
        ExchangeInfoDocument doc = ExchangeInfoLoader.LoadFile(Rest("nautilus", "integration_http_responses", "http_futures_market_exchange_info.json"));

        Assert.Empty(doc.Problems);
        Assert.Equal(["BTCUSDT", "BTCUSDT_220325", "ETHUSDT"], doc.Symbols.Keys.Order().ToArray());
        Assert.True(doc.TryGetFilters("BTCUSDT", out SymbolFilters btc));
        Assert.Equal(Price.Parse("0.1"), btc.TickSize);
        Assert.Equal(Price.Parse("402"), btc.MinPrice);
        Assert.Equal(Price.Parse("1246396.6"), btc.MaxPrice);
        Assert.Equal(Money.FromDecimal(10m), btc.MinNotional);
        Assert.Equal(54_540_000, btc.MultiplierDownE8);          // 0.5454
        Assert.Equal("CURRENT_QUARTER", doc.Symbols["BTCUSDT_220325"].ContractType);
    }

    [Fact]
    public void Parse_BinanceNetFixture_ReadsNumbersGivenAsJsonNumbersToo()
    {
        // the fixture starts with three request lines (method, path, signed) before the JSON body
        string[] lines = File.ReadAllLines(Rest("binance_net", "UsdFutures_Endpoints", "ExchangeData_GetExchangeInfo.txt"));
        ExchangeInfoDocument doc = ExchangeInfoLoader.Parse(string.Join('\n', lines.Skip(3)));

        Assert.Empty(doc.Problems);
        SymbolFilters blz = doc.Symbols["BLZUSDT"].Filters;
        Assert.Equal(Price.Parse("0.0001"), blz.TickSize);
        Assert.Equal(Price.Parse("300"), blz.MaxPrice);
        Assert.Equal(Quantity.Parse("1"), blz.StepSize);
        Assert.Equal(Quantity.Parse("10000000"), blz.MaxQty);
        Assert.Equal(Quantity.Parse("590119"), blz.MarketMaxQty);
        Assert.Equal(Money.FromDecimal(5m), blz.MinNotional);   // "5.0"
        Assert.Equal(115_000_000, blz.MultiplierUpE8);
    }

    [Fact]
    public void LoadFile_SpotSymbolWithoutFilters_IsSkippedWithAReason()
    {
        ExchangeInfoDocument doc = ExchangeInfoLoader.LoadFile(Rest("nautilus", "crate_test_data", "spot", "http_json", "exchange_info_response.json"));
        Assert.Empty(doc.Symbols);
        Assert.Equal("ETHBTC: no PRICE_FILTER", Assert.Single(doc.Problems));
    }

    [Fact]
    public void Parse_MalformedValue_SkipsOnlyThatSymbol()
    {
        const string json = """
            {"symbols":[
              {"symbol":"BAD","filters":[{"filterType":"PRICE_FILTER","tickSize":"abc"},{"filterType":"LOT_SIZE","stepSize":"0.1"}]},
              {"symbol":"ZERO","filters":[{"filterType":"PRICE_FILTER","tickSize":"0"},{"filterType":"LOT_SIZE","stepSize":"0.1"}]},
              {"symbol":"GOOD","status":"TRADING","filters":[{"filterType":"PRICE_FILTER","tickSize":"0.5"},{"filterType":"LOT_SIZE","stepSize":"0.1","minQty":"0.1"},
                {"filterType":"MIN_NOTIONAL","minNotional":"10"}]},
              {"symbol":"GOOD","filters":[]}
            ]}
            """;
        ExchangeInfoDocument doc = ExchangeInfoLoader.Parse(json);

        SymbolFilters good = Assert.Single(doc.Symbols).Value.Filters;
        Assert.Equal(Price.Parse("0.5"), good.TickSize);
        Assert.Equal(Quantity.Parse("0.1"), good.MarketStepSize); // no MARKET_LOT_SIZE: LOT_SIZE stands in
        Assert.Equal(Money.FromDecimal(10m), good.MinNotional);   // spot's field name
        Assert.Equal(3, doc.Problems.Count);
        Assert.Equal("BAD: PRICE_FILTER.tickSize = 'abc' is not a non-negative decimal with at most 8 places", doc.Problems[0]);
        Assert.Equal("ZERO: a zero tickSize or stepSize", doc.Problems[1]);
        Assert.Equal("GOOD: listed twice, the first entry is kept", doc.Problems[2]);
    }

    [Fact]
    public void Parse_NotAnExchangeInfoAnswer_ReportsIt()
    {
        ExchangeInfoDocument doc = ExchangeInfoLoader.Parse("""{"code":-1121,"msg":"Invalid symbol."}""");
        Assert.Empty(doc.Symbols);
        Assert.Single(doc.Problems);
    }
}
