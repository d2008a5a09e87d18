using System.IO.Compression;
using Engine.Cli.Run;
using Engine.Model;

namespace Engine.Tests.Cli.Run;

public sealed class InputDetectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-detect-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text, bool gzip = false)
    {
        string path = Path.Combine(_dir, name);
        using FileStream file = File.Create(path);
        using Stream stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        return path;
    }

    [Fact]
    public void Detect_BundledSample_IsTradeCsv() =>
        Assert.Equal(InputKind.TradeCsv, InputDetector.Detect(CliHarness.SampleTrades));

    [Fact]
    public void Detect_GzippedRecordedFrames_ByContentNotName() =>
        Assert.Equal(InputKind.RecordedFrames, InputDetector.Detect(Write("capture.gz", "1723161255088176367 {\"e\":\"trade\"}\n", gzip: true)));

    [Fact]
    public void Detect_AggregatedCsv_ByHeader() =>
        Assert.Equal(InputKind.AggregatedCsv, InputDetector.Detect(Write("rows.csv", "Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice\n")));

    [Fact]
    public void Detect_EngineRecording_ByMagic_WithItsHeaderChecked()
    {
        string path = Path.Combine(_dir, "x.bin");
        using (var writer = new Engine.Binance.Recording.RecordingWriter(File.Create(path), ["BTCUSDT"]))
        {
        }

        Assert.Equal(InputKind.Recording, InputDetector.Detect(path));

        // The magic alone is not enough: a header that fails its checks is bad input before anything runs.
        var ex = Assert.Throws<InvalidDataException>(() => InputDetector.Detect(Write("y.bin", "ENGREC01" + new string('\0', 56))));
        Assert.Contains("y.bin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MissingFile_IsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => InputDetector.Detect(Path.Combine(_dir, "none.csv")));

    [Fact]
    public void Detect_EmptyOrUnrecognisedFile_IsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => InputDetector.Detect(Write("empty.csv", string.Empty)));
        Assert.Throws<InvalidDataException>(() => InputDetector.Detect(Write("prose.txt", "just words\n")));
    }

    [Theory]
    [InlineData("BTCUSDT-trades-2024-08-08.zip", 0)]
    [InlineData("ETHUSDT-trades-2024-08-08.zip", -1)] // another symbol: its trades are counted as unknown
    [InlineData("capture.csv.gz", 0)]                  // no symbol in the name: the configured one
    public void SymbolOfFile_NamePrefixOrConfiguredSymbol(string name, int expected)
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);

        Assert.Equal(expected, InputDetector.SymbolOfFile(name, registry, new SymbolId(0)).Value);
    }
}
