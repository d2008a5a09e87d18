using System.Text;
using Engine.Cli.Journal;
using Engine.Model;
using Engine.Signals;
using Engine.Tests.Signals;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Journal;

public sealed class DeltaScoutLogWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deltascout-log-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TradeSignal ContractExample() => new()
    {
        Source = SignalSource.DeltaScout,
        Direction = SignalDirection.Long,
        Price = 61712.4,
        Delta = 41.27,
        Volume = 88.1,
        Imbalance = 0.601,
        Vwap = 61690,
        Poc = 61700,
    };

    private const long ExampleTs = 1_723_161_480_000; // 2024-08-08T23:58:00Z

    [Fact]
    public void Format_ReproducesTheContractExampleByteForByte()
    {
        var line = new Utf8LineBuffer();
        TradeSignal peak = ContractExample();
        DeltaScoutLogWriter.Format(line, ExampleTs, in peak);
        Assert.Equal(
            "{\"ts\":\"2024-08-08T23:58:00Z\",\"source\":\"DeltaScout\",\"action\":\"PEAK\",\"kind\":\"long\",\"price\":61712.4,\"delta\":41.27,\"vol\":88.1,\"imb\":0.601,\"vwap\":61690,\"poc\":61700}\n",
            Encoding.UTF8.GetString(line.Written));
    }

    [Fact]
    public void Format_PythonDefaultSeparators_MatchesJsonDumpsDefault()
    {
        // json.dumps({"ts": ..., "vwap": None, ...}) with the default separators (', ', ': ')
        var line = new Utf8LineBuffer();
        TradeSignal peak = ContractExample();
        peak.Direction = SignalDirection.Short;
        peak.Volume = 88.0;
        peak.Delta = -0.0;
        peak.Vwap = double.NaN;
        peak.Poc = double.NaN;
        DeltaScoutLogWriter.Format(line, ExampleTs, in peak, pythonDefaultSeparators: true);
        Assert.Equal(
            "{\"ts\": \"2024-08-08T23:58:00Z\", \"source\": \"DeltaScout\", \"action\": \"PEAK\", \"kind\": \"short\", \"price\": 61712.4, \"delta\": -0.0, \"vol\": 88.0, \"imb\": 0.601, \"vwap\": null, \"poc\": null}\n",
            Encoding.UTF8.GetString(line.Written));
    }

    [Fact]
    public void DetectorPeak_IsWrittenWithHandComputedFields()
    {
        var d = new DeltaScoutDetector(new DeltaScoutOptions());
        AggregatedRow a = TestRows.Row(0, "0.8", "0.2", 100);
        AggregatedRow b = TestRows.Row(1, "1.6", "0.4", 102);
        d.OnRow(in a, out _);
        d.OnRow(in b, out DeltaScoutEvaluation e);
        string path = Path.Combine(_dir, "deltascout.log");
        using (var w = new DeltaScoutLogWriter(path))
        {
            w.WritePeak(e.RowStartMs, in e.Peak);
        }

        Assert.Equal(
            "{\"ts\":\"2024-08-08T23:59:00Z\",\"source\":\"DeltaScout\",\"action\":\"PEAK\",\"kind\":\"long\",\"price\":102.0,\"delta\":1.2,\"vol\":2.0,\"imb\":0.6,\"vwap\":101,\"poc\":100}\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void SameInputTwice_GivesByteIdenticalFiles()
    {
        byte[] first = WriteRun("a");
        byte[] second = WriteRun("b");
        Assert.True(first.Length > 1000);
        Assert.Equal(first, second);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "a", "aggregated.csv")), File.ReadAllBytes(Path.Combine(_dir, "b", "aggregated.csv")));
    }

    [Fact]
    public void Open_DropsAPartialLastLine_AndKeepsCompleteOnes()
    {
        string path = Path.Combine(_dir, "deltascout.log");
        File.WriteAllText(path, "{\"a\":1}\n{\"b\":2}\n{\"cut");
        using (var w = new DeltaScoutLogWriter(path))
        {
            Assert.Equal(5, w.File.DroppedTailBytes);
            TradeSignal peak = ContractExample();
            w.WritePeak(ExampleTs, in peak);
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.Equal("{\"b\":2}", lines[1]);
        Assert.StartsWith("{\"ts\":\"2024-08-08T23:58:00Z\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Open_FileWithoutAnyNewline_IsTruncatedToEmpty()
    {
        string path = Path.Combine(_dir, "deltascout.log");
        File.WriteAllText(path, "{\"half");
        using var w = new DeltaScoutLogWriter(path);
        Assert.True(w.File.WasEmpty);
        Assert.Equal(0, new FileInfo(path).Length);
    }

    [Fact]
    public void WritePeak_AfterWarmUp_AllocatesNothing()
    {
        string path = Path.Combine(_dir, "deltascout.log");
        using var w = new DeltaScoutLogWriter(path);
        TradeSignal peak = ContractExample();
        for (int i = 0; i < 100; i++)
        {
            w.WritePeak(ExampleTs + (i * 60_000L), in peak);
        }

        long bytes = Allocations.Measure(() =>
        {
            for (int i = 0; i < 2_000; i++)
            {
                peak.Price = 61712.4 + i;
                w.WritePeak(ExampleTs + (i * 60_000L), in peak);
            }
        });
        Assert.Equal(0, bytes);
        Assert.Equal(2_100, File.ReadAllLines(path).Length);
    }

    private byte[] WriteRun(string name)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        AggregatedRow[] rows = SyntheticFeed.Generate(41, 1_500, coarse: true, hasClose: true);
        var d = new DeltaScoutDetector(new DeltaScoutOptions { RollWindowMin = 5, VwapWindowMin = 7, Chop30Max = 50, Coh10Min = 0.05, ImbMin = 0.05, ImbMax = 1, VwapMaxDistUsd = 60 });
        using (var log = new DeltaScoutLogWriter(Path.Combine(dir, "deltascout.log")))
        using (var csv = new AggregatedCsvWriter(Path.Combine(dir, "aggregated.csv")))
        {
            foreach (AggregatedRow row in rows)
            {
                csv.Write(in row);
                if (d.OnRow(in row, out DeltaScoutEvaluation e) && e.HasPeak)
                {
                    log.WritePeak(e.RowStartMs, in e.Peak);
                }
            }
        }

        return File.ReadAllBytes(Path.Combine(dir, "deltascout.log"));
    }
}
