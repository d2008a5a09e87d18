using System.IO.Compression;
using System.Text;
using Engine.Binance.Archives;
using Engine.Binance.Sources;
using Engine.Model;

namespace Engine.Tests.Binance.Archives;

/// <summary>The data.binance.vision archive layouts, containers and malformed lines, on small hand-written files.</summary>
public sealed class TradeCsvReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-wire-").FullName;
    private readonly SymbolRegistry _symbols = new(["BTCUSDT", "ETHUSDT"]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SpotAggTradesZip_HeaderlessWithMicroseconds_IsNormalisedToMs()
    {
        string path = WriteZip("BTCUSDT-aggTrades-2025-01-01.zip", "BTCUSDT-aggTrades-2025-01-01.csv",
            "3100000001,93576.00000000,0.00104000,4300000001,4300000003,1735689600123456,True,True\n" +
            "3100000002,93576.01000000,0.50000000,4300000004,4300000004,1735689600999999,False,True\n");

        List<Trade> trades = ReadAll(TradeCsvReader.Open(path, _symbols), out SourceStats stats);

        Assert.Equal(2, trades.Count);
        Assert.Equal(0, stats.Malformed);
        Trade a = trades[0];
        Assert.Equal(0, a.Symbol.Value);
        Assert.True(a.IsAggregate);
        Assert.Equal(3100000001, a.Id);
        Assert.Equal(4300000001, a.FirstTradeId);
        Assert.Equal(4300000003, a.LastTradeId);
        Assert.Equal(9_357_600_000_000, a.Price.E8);
        Assert.Equal(104_000, a.Quantity.E8);
        Assert.Equal(1735689600123, a.TradeTimeMs);
        Assert.Equal(1735689600123, a.EventTimeMs);
        Assert.True(a.BuyerIsMaker);
        Assert.False(trades[1].BuyerIsMaker);
        Assert.Equal(1735689600999, trades[1].TradeTimeMs);
    }

    [Fact]
    public void FuturesAggTradesGz_WithHeader_ReadsMilliseconds()
    {
        string path = WriteGz("ETHUSDT-aggTrades-2024-08-08.csv.gz",
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n" +
            "2253770001,2677.90,1.250,4308068523,4308068525,1723161256560,true\n");

        List<Trade> trades = ReadAll(TradeCsvReader.Open(path, _symbols), out _);

        Trade t = Assert.Single(trades);
        Assert.Equal(1, t.Symbol.Value);
        Assert.Equal(2253770001, t.Id);
        Assert.Equal(4308068525, t.LastTradeId);
        Assert.Equal(267_790_000_000, t.Price.E8);
        Assert.Equal(125_000_000, t.Quantity.E8);
        Assert.Equal(1723161256560, t.TradeTimeMs);
        Assert.True(t.BuyerIsMaker);
    }

    [Fact]
    public void FuturesTradesCsv_WithHeaderAndQuoteQty_ReadsTrades()
    {
        string path = WriteText("BTCUSDT-trades-2024-08-08.csv",
            "id,price,qty,quote_qty,time,is_buyer_maker\r\n5266583935,61800.30,0.006,370.8018,1723161256322,false\r\n");

        Trade t = Assert.Single(ReadAll(TradeCsvReader.Open(path, _symbols), out _));

        Assert.False(t.IsAggregate);
        Assert.Equal(5266583935, t.Id);
        Assert.Equal(5266583935, t.FirstTradeId);
        Assert.Equal(600_000, t.Quantity.E8);
        Assert.Equal(1723161256322, t.TradeTimeMs);
        Assert.False(t.BuyerIsMaker);
    }

    [Fact]
    public void SpotTradesCsv_HeaderlessSevenColumns_NeedsOnlyTheSymbol()
    {
        string path = WriteText("spot.csv", "3735683259,61837.63000000,0.02000000,1236.75260000,1723161255342,True,True\n");

        Trade t = Assert.Single(ReadAll(TradeCsvReader.Open(path, _symbols, new SymbolId(0), TradeCsvKind.Trades), out _));

        Assert.Equal(3735683259, t.Id);
        Assert.Equal(6_183_763_000_000, t.Price.E8);
        Assert.True(t.BuyerIsMaker);
    }

    [Fact]
    public void DerivedTradesCsv_TradeTypeColumn_KeepsInsuranceFund()
    {
        string path = WriteText("BTCUSDT-trades-ws.csv",
            "id,price,qty,time,is_buyer_maker,event_time,local_recv_ts_ns,trade_type\n" +
            "1,61800.3,0.006,1723161256322,false,1723161256323,1723161255088176367,MARKET\n" +
            "2,60000,1.5,1723161256400,true,1723161256401,1723161255088176368,INSURANCE_FUND\n");

        List<Trade> trades = ReadAll(TradeCsvReader.Open(path, _symbols), out _);

        Assert.Equal(TradeType.Market, trades[0].Type);
        Assert.Equal(1723161256323, trades[0].EventTimeMs);
        Assert.Equal(TradeType.InsuranceFund, trades[1].Type);
    }

    [Fact]
    public void MalformedLines_AreCountedByReasonAndLineAndNeverStopTheFile()
    {
        string path = WriteText("mixed.csv",
            "symbol,agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n" + // 1
            "BTCUSDT,1,100.5,2,10,11,1700000000000,true\n" +           // 2 good
            "garbage line\n" +                                          // 3
            "BTCUSDT,2,NaN,2,12,12,1700000000001,true\n" +              // 4
            "BTCUSDT,3,100.5,2,13,13,1700000000002\n" +                 // 5
            "XRPUSDT,4,100.5,2,14,14,1700000000003,true\n" +            // 6
            "BTCUSDT,5,100.5,123456789012345.1,15,15,1700000000004,true\n" + // 7
            "BTCUSDT,6,100.5,2,16,16,1700000000005,maybe\n" +           // 8
            "BTCUSDT,7x,100.5,2,17,17,1700000000006,true\n" +           // 9
            "BTCUSDT,8,100.5,2,18,18,17000000000O7,true\n" +            // 10
            "\n" +                                                      // 11
            "ETHUSDT,9,3000,0.5,19,19,1700000000008,false");           // 12 good, no final newline

        List<Trade> trades = ReadAll(TradeCsvReader.Open(path, _symbols), out SourceStats stats);

        Assert.Equal([1L, 9L], trades.Select(t => t.Id));
        Assert.Equal(new SymbolId(1), trades[1].Symbol);
        Assert.Equal(12, stats.Lines);
        Assert.Equal(2, stats.Events);
        Assert.Equal(8, stats.Malformed);
        Assert.Equal(2, stats.Count(LineFailure.ColumnCount));
        Assert.Equal(1, stats.Count(LineFailure.BadPrice));
        Assert.Equal(1, stats.Count(LineFailure.UnknownSymbol));
        Assert.Equal(1, stats.Count(LineFailure.BadQuantity));
        Assert.Equal(1, stats.Count(LineFailure.BadBoolean));
        Assert.Equal(1, stats.Count(LineFailure.BadId));
        Assert.Equal(1, stats.Count(LineFailure.BadTime));
        Assert.Equal(LineFailure.BadTime, stats.LastFailure);
        Assert.Equal(10, stats.LastFailureLine);
    }

    [Theory]
    [InlineData("odd.csv", "foo,bar\n1,2\n")]
    [InlineData("headerless.csv", "1,2,3,4,5,true,true\n")]
    [InlineData("BTCUSDT-aggTrades-x.csv", "1,2,3\n")]
    public void UnknownLayout_IsCountedAndEndsTheInputWithoutThrowing(string name, string content)
    {
        List<Trade> trades = ReadAll(TradeCsvReader.Open(WriteText(name, content), _symbols, new SymbolId(0)), out SourceStats stats);

        Assert.Empty(trades);
        Assert.Equal(1, stats.Count(LineFailure.UnknownLayout));
        Assert.Equal(1, stats.LastFailureLine);
    }

    private static List<Trade> ReadAll(TradeCsvReader reader, out SourceStats stats)
    {
        var trades = new List<Trade>();
        using (reader)
        {
            var slot = default(EngineEvent);
            while (reader.TryReadNext(ref slot))
            {
                trades.Add(slot.Trade);
            }

            stats = reader.Stats;
        }

        return trades;
    }

    private string WriteText(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string WriteGz(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(content));
        return path;
    }

    private string WriteZip(string name, string entryName, string content)
    {
        string path = Path.Combine(_dir, name);
        using ZipArchive zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
        writer.Write(content);
        return path;
    }
}
