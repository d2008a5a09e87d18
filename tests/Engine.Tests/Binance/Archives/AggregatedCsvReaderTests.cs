using System.Globalization;
using System.Text;
using Engine.Binance.Archives;
using Engine.Binance.Sources;
using Engine.Model;

namespace Engine.Tests.Binance.Archives;

public sealed class AggregatedCsvReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-wire-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static long Ms(string isoUtc) => DateTimeOffset.Parse(isoUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    [Fact]
    public void EngineFile_WithBomAndTenColumns_ReadsIntervalStart()
    {
        string path = Write("\uFEFFTimestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice,HiPrice,LowPrice\n" +
            "2024-08-08T23:54:00Z,120,12.5,0.104166,7.25,5.25,61712.4,61713.1,61750,61700.5\n");

        AggregatedRow row = Assert.Single(ReadAll(path, 60_000, out SourceStats stats));

        Assert.Equal(1, stats.Skipped);
        Assert.Equal(Ms("2024-08-08T23:54:00Z"), row.StartMs);
        Assert.Equal(60_000, row.IntervalMs);
        Assert.Equal(120, row.Trades);
        Assert.Equal(1_250_000_000, row.TotalQty.E8);
        Assert.Equal(725_000_000, row.BuyQty.E8);
        Assert.Equal(525_000_000, row.SellQty.E8);
        Assert.Equal(61712.4, row.AvgPrice);
        Assert.Equal(6_171_310_000_000, row.ClosePrice.E8);
        Assert.Equal(6_175_000_000_000, row.HighPrice.E8);
        Assert.Equal(6_170_050_000_000, row.LowPrice.E8);
        Assert.True(row.HasHighLow);
        Assert.True(row.HasClose);
        Assert.Equal(200_000_000, row.Delta.E8);
    }

    [Fact]
    public void OriginalFile_EightColumnsLabelledWithIntervalEnd_StartsOneIntervalEarlier()
    {
        string path = Write("Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice\r\n" +
            "2024-08-08 23:55:00,42,3.000000,0.071429,1.000000,2.000000,61712,61710\r\n" +
            "2024-08-09 00:00:00,7,1.500000,0.214286,1.500000,0.000000,61800,61801\r\n");

        List<AggregatedRow> rows = ReadAll(path, 60_000, out _);

        Assert.Equal(Ms("2024-08-08T23:54:00Z"), rows[0].StartMs);
        Assert.Equal(Ms("2024-08-08T23:59:00Z"), rows[1].StartMs);
        Assert.False(rows[0].HasHighLow);
        Assert.Equal(-100_000_000, rows[0].Delta.E8);
        Assert.Equal(6_171_000_000_000, rows[0].ClosePrice.E8);
    }

    [Fact]
    public void MalformedRows_AreCountedWithLineNumberAndSkipped()
    {
        string path = Write("Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice\n" + // 1
            "2024-08-08 23:55:00,1,1,1,1,0,100,100\n" +   // 2 good
            "2024-13-08 23:56:00,1,1,1,1,0,100,100\n" +   // 3 month 13
            "2024-08-08 23:57:00,1,1,1,1,0,NaN,100\n" +   // 4 NaN
            "2024-08-08 23:58:00,1,1,1,1,0,100\n" +       // 5 7 columns
            "2024-08-08 23:59:00,1,-1,1,1,0,100,100\n" +  // 6 negative
            "2024-08-08 23:59:30,x,1,1,1,0,100,100\n" +   // 7 trades not a number
            "2024-08-09 00:00:00,1,1,1,1,0,100,100\n");   // 8 good

        List<AggregatedRow> rows = ReadAll(path, 60_000, out SourceStats stats);

        Assert.Equal(2, rows.Count);
        Assert.Equal(5, stats.Malformed);
        Assert.Equal(1, stats.Count(LineFailure.BadTime));
        Assert.Equal(2, stats.Count(LineFailure.BadNumber));
        Assert.Equal(1, stats.Count(LineFailure.ColumnCount));
        Assert.Equal(1, stats.Count(LineFailure.BadQuantity));
        Assert.Equal(7, stats.LastFailureLine);
    }

    [Fact]
    public void SteadyPath_AllocatesNothingPerRow()
    {
        var text = new StringBuilder("Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice,HiPrice,LowPrice\n");
        var start = new DateTime(2024, 8, 8, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < 3000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'},{i + 1},{i}.5,0.5,{i}.25,0.25,61712.{i % 10},61713,61750,61700\n");
        }

        using AggregatedCsvReader reader = AggregatedCsvReader.Open(Write(text.ToString()), new SymbolId(0));
        var slot = default(EngineEvent);

        // Warm-up past the first refill of the reader's 64 KB buffer (~75 bytes a row), so the stream's first-read
        // paths and the JIT's tier-up have run before the measured part.
        const int WarmupRows = 1500;
        for (int i = 0; i < WarmupRows; i++)
        {
            Assert.True(reader.TryReadNext(ref slot));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        long trades = 0;
        while (reader.TryReadNext(ref slot))
        {
            trades += slot.Row.Trades;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(Enumerable.Range(WarmupRows + 1, 3000 - WarmupRows).Sum(i => (long)i), trades);
        Assert.Equal(Ms("2024-08-08T00:00:00Z") + (2999 * 60_000L), slot.Row.StartMs);
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData("2024-08-08T23:54:00Z", "2024-08-08T23:54:00Z", false)]
    [InlineData("2024-08-08 23:55:00", "2024-08-08T23:55:00Z", true)]
    [InlineData("2024-02-29T12:00:00.250Z", "2024-02-29T12:00:00.250Z", false)]
    [InlineData("2000-02-29 00:00:00", "2000-02-29T00:00:00Z", true)]
    [InlineData("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z", false)]
    [InlineData("2099-12-31 23:59:59", "2099-12-31T23:59:59Z", true)]
    public void Timestamp_BothForms_MatchTheCalendar(string text, string iso, bool isEnd)
    {
        Assert.True(AggregatedTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out long ms, out bool end));
        Assert.Equal(Ms(iso), ms);
        Assert.Equal(isEnd, end);
    }

    [Theory]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-08-08T24:00:00Z")]
    [InlineData("2024-08-08T23:54:00")]
    [InlineData("2024-08-08 23:54:00Z")]
    [InlineData("2024/08/08 23:54:00")]
    [InlineData("1723161256322")]
    public void Timestamp_Invalid_IsRefused(string text)
    {
        Assert.False(AggregatedTimestamp.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }

    private List<AggregatedRow> ReadAll(string path, long intervalMs, out SourceStats stats)
    {
        var rows = new List<AggregatedRow>();
        using AggregatedCsvReader reader = AggregatedCsvReader.Open(path, new SymbolId(0), intervalMs);
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            Assert.Equal(EventKind.AggregatedRow, slot.Kind);
            rows.Add(slot.Row);
        }

        stats = reader.Stats;
        return rows;
    }

    private string Write(string content)
    {
        string path = Path.Combine(_dir, "aggregated.csv");
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
