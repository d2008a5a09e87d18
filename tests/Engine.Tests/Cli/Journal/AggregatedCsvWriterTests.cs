using System.Globalization;
using System.Text;
using Engine.Cli.Journal;
using Engine.Model;
using Engine.Tests.Signals;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Journal;

public sealed class AggregatedCsvWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aggregated-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AggregatedRow Example() => new()
    {
        StartMs = 1_723_160_040_000, // 2024-08-08T23:34:00Z
        IntervalMs = 60_000,
        Trades = 4,
        TotalQty = Quantity.Parse("88.1"),
        BuyQty = Quantity.Parse("64.69"),
        SellQty = Quantity.Parse("23.41"),
        AvgPrice = 61712.4,
        ClosePrice = Price.Parse("61715.2"),
        HighPrice = Price.Parse("61730"),
        LowPrice = Price.Parse("61700.12345678"),
        HasHighLow = true,
        HasClose = true,
    };

    [Fact]
    public void Format_WritesTenColumnsInContractOrder()
    {
        var line = new Utf8LineBuffer();
        AggregatedRow row = Example();
        AggregatedCsvWriter.Format(line, in row);
        // AvgSize = 88.1 / 4 = 22.025 (repr of the double)
        Assert.Equal("2024-08-08T23:34:00Z,4,88.1,22.025,64.69,23.41,61712.4,61715.2,61730,61700.12345678\n", Encoding.ASCII.GetString(line.Written));
    }

    [Fact]
    public void Format_EmptyInterval_HasZeroAvgSize()
    {
        var line = new Utf8LineBuffer();
        AggregatedRow row = Example();
        row.Trades = 0;
        row.TotalQty = row.BuyQty = row.SellQty = Quantity.Zero;
        AggregatedCsvWriter.Format(line, in row);
        Assert.Equal("2024-08-08T23:34:00Z,0,0,0.0,0,0,61712.4,61715.2,61730,61700.12345678\n", Encoding.ASCII.GetString(line.Written));
    }

    [Fact]
    public void Header_IsWrittenOnlyWhenTheFileIsNew()
    {
        string path = Path.Combine(_dir, "aggregated.csv");
        AggregatedRow row = Example();
        using (var w = new AggregatedCsvWriter(path))
        {
            w.Write(in row);
        }

        using (var w = new AggregatedCsvWriter(path))
        {
            w.Write(in row);
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal("Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice,HiPrice,LowPrice", lines[0]);
        Assert.Equal(lines[1], lines[2]);
    }

    [Fact]
    public void WrittenRows_ParseBackToTheSameValues()
    {
        string path = Path.Combine(_dir, "aggregated.csv");
        AggregatedRow[] rows = KlineRows.Load("BTCUSDT-1m-20210923T0000Z-20210925T1312Z.csv.gz", dropLast: false)[..500];
        using (var w = new AggregatedCsvWriter(path))
        {
            foreach (AggregatedRow r in rows)
            {
                w.Write(in r);
            }
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(rows.Length + 1, lines.Length);
        for (int i = 0; i < rows.Length; i++)
        {
            string[] f = lines[i + 1].Split(',');
            Assert.Equal(10, f.Length);
            var ts = DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            Assert.Equal(rows[i].StartMs, ts.ToUnixTimeMilliseconds());
            Assert.Equal(rows[i].Trades, long.Parse(f[1], CultureInfo.InvariantCulture));
            Assert.Equal(rows[i].TotalQty, Quantity.Parse(f[2]));
            Assert.Equal(rows[i].BuyQty, Quantity.Parse(f[4]));
            Assert.Equal(rows[i].SellQty, Quantity.Parse(f[5]));
            Assert.Equal(rows[i].AvgPrice, double.Parse(f[6], CultureInfo.InvariantCulture));
            Assert.Equal(rows[i].ClosePrice, Price.Parse(f[7]));
            Assert.Equal(rows[i].HighPrice, Price.Parse(f[8]));
            Assert.Equal(rows[i].LowPrice, Price.Parse(f[9]));
        }
    }

    [Fact]
    public void Write_AfterWarmUp_AllocatesNothing()
    {
        string path = Path.Combine(_dir, "aggregated.csv");
        using var w = new AggregatedCsvWriter(path);
        AggregatedRow row = Example();
        for (int i = 0; i < 100; i++)
        {
            w.Write(in row);
        }

        long bytes = Allocations.Measure(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                row.StartMs += 60_000;
                row.AvgPrice += 0.37;
                w.Write(in row);
            }
        });
        Assert.Equal(0, bytes);
    }
}
