using System.Globalization;
using System.IO.Compression;
using Engine.Binance.Archives;
using Engine.Model;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Archives;

/// <summary>The CSV reader on every real trade/aggTrade CSV equals a naive string.Split + decimal recomputation.</summary>
public class TradeCsvReaderRealDataTests
{
    public sealed record Totals(long Rows, decimal Quantity, decimal Notional, long BuyerMaker, long MinId, long MaxId, long TimeSum);

    // Row counts per symbol, from data/README.md.
    [Theory]
    [InlineData("trades/futures_um/BTCUSDT-trades-ws-20240718T2357Z-20240719T0005Z.csv.gz", "BTCUSDT:10701")]
    [InlineData("trades/futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz", "BTCUSDT:21313")]
    [InlineData("trades/futures_um/ETHUSDT-trades-ws-20240718T2357Z-20240719T0005Z.csv.gz", "ETHUSDT:13655")]
    [InlineData("trades/futures_um/ETHUSDT-trades-ws-20240808T2354Z-20240809T0000Z.csv.gz", "ETHUSDT:14076")]
    [InlineData("trades/spot/BTCUSDT-trades-ws-20240808T2354Z-20240809T0005Z.csv.gz", "BTCUSDT:19904")]
    [InlineData("trades/spot/ETHUSDT-trades-ws-20240808T2354Z-20240809T0005Z.csv.gz", "ETHUSDT:14515")]
    [InlineData("aggtrades/futures_um/aggTrades-ws-20210405T1836Z-20210405T1838Z-BAT_CHR_CTK_NEO_SAND.csv.gz", "SANDUSDT:166,CTKUSDT:89,BATUSDT:86,NEOUSDT:180,CHRUSDT:53")]
    [InlineData("aggtrades/futures_um/aggTrades-ws-20210417T1637Z-20210417T1637Z-DENT_KSM_XMR_YFI.csv.gz", "YFIUSDT:40,XMRUSDT:21,KSMUSDT:43,DENTUSDT:81")]
    [InlineData("aggtrades/futures_um/aggTrades-ws-20210722T2225Z-20210722T2226Z-AKRO_CTK_KEEP_SUSHI.csv.gz", "CTKUSDT:38,AKROUSDT:8,SUSHIUSDT:40,KEEPUSDT:5")]
    [InlineData("aggtrades/spot/aggTrades-ws-20210404T2003Z-20210404T2004Z-BTC_DOT_ETH.csv.gz", "BTCUSDT:1227,DOTUSDT:177,ETHUSDT:506")]
    public void RealCsv_TotalsPerSymbolEqualNaiveRecomputation(string file, string readmeRows)
    {
        SymbolRegistry registry = RealData.Registry();
        Dictionary<string, Totals> naive = NaiveTotals(RealData.Path(file));
        var read = new Dictionary<string, Totals>();
        using (TradeCsvReader reader = TradeCsvReader.Open(RealData.Path(file), registry))
        {
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                Trade t = slot.Trade;
                Assert.Equal(EventKind.Trade, slot.Kind);
                Assert.Equal(file.StartsWith("aggtrades", StringComparison.Ordinal), t.IsAggregate);
                Assert.Equal(TradeType.Market, t.Type);
                string symbol = registry.NameOf(t.Symbol);
                Totals prior = read.GetValueOrDefault(symbol, new Totals(0, 0, 0, 0, long.MaxValue, long.MinValue, 0));
                read[symbol] = Add(prior, t.Id, t.Price.ToDecimal(), t.Quantity.ToDecimal(), t.BuyerIsMaker, t.TradeTimeMs);
            }

            Assert.Equal(0, reader.Stats.Malformed);
            Assert.Equal(1, reader.Stats.Skipped); // the header
        }

        Assert.Equal(naive, read);
        foreach (string pair in readmeRows.Split(','))
        {
            string[] parts = pair.Split(':');
            Assert.Equal(long.Parse(parts[1], CultureInfo.InvariantCulture), read[parts[0]].Rows);
        }
    }

    [Fact]
    public void RealCsv_SteadyPath_AllocatesNothingPerLine()
    {
        // A first reader played to its end compiles the end of a file's path too (the gzip trailer check), so nothing is
        // first compiled on this thread inside the measurement; the per-line path is what is measured.
        var slot = default(EngineEvent);
        using (TradeCsvReader warm = TradeCsvReader.Open(
            RealData.Path("trades/futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz"), RealData.Registry()))
        {
            while (warm.TryReadNext(ref slot))
            {
            }
        }

        using TradeCsvReader reader = TradeCsvReader.Open(
            RealData.Path("trades/futures_um/BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz"), RealData.Registry());
        for (int i = 0; i < 1000; i++)
        {
            Assert.True(reader.TryReadNext(ref slot));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int events = 0;
        while (reader.TryReadNext(ref slot))
        {
            events++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(21_313 - 1000, events);
        Assert.Equal(0, allocated);
    }

    private static Totals Add(Totals t, long id, decimal price, decimal qty, bool maker, long time) =>
        new(t.Rows + 1, t.Quantity + qty, t.Notional + (price * qty), t.BuyerMaker + (maker ? 1 : 0), Math.Min(t.MinId, id), Math.Max(t.MaxId, id), t.TimeSum + time);

    private static Dictionary<string, Totals> NaiveTotals(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        string[] header = text.ReadLine()!.Split(',');
        int symbolColumn = Array.IndexOf(header, "symbol");
        int idColumn = Array.IndexOf(header, symbolColumn >= 0 ? "agg_trade_id" : "id");
        int priceColumn = Array.IndexOf(header, "price");
        int qtyColumn = Math.Max(Array.IndexOf(header, "qty"), Array.IndexOf(header, "quantity"));
        int timeColumn = Math.Max(Array.IndexOf(header, "time"), Array.IndexOf(header, "transact_time"));
        int makerColumn = Array.IndexOf(header, "is_buyer_maker");
        string fileSymbol = Path.GetFileName(path).Split('-')[0];
        var totals = new Dictionary<string, Totals>();
        while (text.ReadLine() is { } line)
        {
            string[] c = line.Split(',');
            string symbol = symbolColumn >= 0 ? c[symbolColumn] : fileSymbol;
            Totals prior = totals.GetValueOrDefault(symbol, new Totals(0, 0, 0, 0, long.MaxValue, long.MinValue, 0));
            totals[symbol] = Add(
                prior,
                long.Parse(c[idColumn], CultureInfo.InvariantCulture),
                decimal.Parse(c[priceColumn], CultureInfo.InvariantCulture),
                decimal.Parse(c[qtyColumn], CultureInfo.InvariantCulture),
                bool.Parse(c[makerColumn]),
                long.Parse(c[timeColumn], CultureInfo.InvariantCulture));
        }

        return totals;
    }
}
