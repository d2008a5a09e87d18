using System.IO.Compression;
using System.Text.Json;
using Engine.Cli;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Issue 14, defects 5 and 6: inputs cut or damaged part-way. The run keeps and reports what came before the damage,
/// names the file and the position, and exits 3 (README); nothing is silently wrong and nothing crashes.
/// </summary>
public sealed class DamagedInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-damaged-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    // Defect 6: a flipped byte in the records gave silently wrong values (+42.8 BTC), exit 0.
    [Fact]
    public void Replay_RecordingWithAFlippedByte_StopsThereNamingFileAndOffset()
    {
        string recording = Convert();
        byte[] bytes = File.ReadAllBytes(recording);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(recording, bytes);

        string run = PathOf("run");
        var (exit, output, error) = Replay(recording, run);

        Assert.Equal(3, exit);
        Assert.Contains(recording, error, StringComparison.Ordinal);
        Assert.Contains("at byte ", error, StringComparison.Ordinal);
        Assert.EndsWith("report.md", output.TrimEnd(), StringComparison.Ordinal);
        long aggregated = SumOfTrades(Path.Combine(run, "aggregated.csv"));
        Assert.InRange(aggregated, 1, CliHarness.SampleTradeCount / 2); // what came before the damaged block was played
        Assert.Contains("input cut", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("inputCut").GetBoolean());
    }

    // Defect 6: a damaged header (here its symbol count) crashed with exit 134 and a stack trace.
    [Fact]
    public void Replay_RecordingWithADamagedHeader_IsBadInputBeforeAnythingRuns()
    {
        string recording = Convert();
        byte[] bytes = File.ReadAllBytes(recording);
        bytes[16] = 200;
        File.WriteAllBytes(recording, bytes);

        string run = PathOf("run");
        var (exit, _, error) = Replay(recording, run);

        Assert.Equal(3, exit);
        Assert.Contains(recording, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    // Defect 6: an older format is named as such, with what to do.
    [Fact]
    public void Replay_RecordingOfVersionOne_AsksToConvertAgain()
    {
        string recording = Convert();
        byte[] bytes = File.ReadAllBytes(recording);
        bytes[8] = 1;
        bytes[9] = bytes[10] = bytes[11] = 0;
        File.WriteAllBytes(recording, bytes);

        var (exit, _, error) = Replay(recording, PathOf("run"));

        Assert.Equal(3, exit);
        Assert.Contains("version 1", error, StringComparison.Ordinal);
        Assert.Contains("engine convert", error, StringComparison.Ordinal);
    }

    // Defect 5: a gzip cut at a flush point lost half the trades with exit 0 and no word.
    [Fact]
    public void Replay_GzipCutAtAFlushPoint_StopsThereNamingFileAndPosition()
    {
        string[] lines = File.ReadAllLines(Csv());
        string cut = PathOf("trades.csv.gz");
        using (var file = File.Create(cut))
        {
            var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', lines[..10_001]) + "\n"));
            gzip.Flush(); // a sync flush: everything so far is decodable; then the file ends (the gzip is never finished)
        }

        string run = PathOf("run");
        var (exit, _, error) = Replay(cut, run);

        Assert.Equal(3, exit);
        Assert.Contains(cut, error, StringComparison.Ordinal);
        Assert.Equal(10_000, SumOfTrades(Path.Combine(run, "aggregated.csv")) + LeftOpenTrades.InRun(run));
        Assert.Contains("input cut", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);
    }

    // Defect 5: cut mid-line, it was "one malformed line" and exit 0.
    [Fact]
    public void Replay_GzipCutMidStream_IsBadInputNamingTheFile()
    {
        byte[] whole = File.ReadAllBytes(CliHarness.SampleTrades);
        string cut = PathOf("trades.csv.gz");
        File.WriteAllBytes(cut, whole[..(whole.Length * 2 / 3)]);

        string run = PathOf("run");
        var (exit, _, error) = Replay(cut, run);

        Assert.Equal(3, exit);
        Assert.Contains(cut, error, StringComparison.Ordinal);
        long played = SumOfTrades(Path.Combine(run, "aggregated.csv"));
        Assert.InRange(played, 1, CliHarness.SampleTradeCount - 1);
    }

    // The check must not refuse sound files: several gzip members back to back (as appended captures are) read whole.
    [Fact]
    public void Replay_GzipOfSeveralMembers_IsReadWhole()
    {
        string[] lines = File.ReadAllLines(Csv());
        string path = PathOf("trades.csv.gz");
        using (var file = File.Create(path))
        {
            foreach (var part in new[] { lines[..7_001], lines[7_001..14_000], lines[14_000..] })
            {
                using var gzip = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true);
                gzip.Write(System.Text.Encoding.ASCII.GetBytes(string.Join('\n', part) + "\n"));
            }
        }

        string run = PathOf("run");
        var (exit, _, error) = Replay(path, run);

        Assert.True(exit == 0, error);
        Assert.Equal(CliHarness.SampleTradeCount, SumOfTrades(Path.Combine(run, "aggregated.csv")) + LeftOpenTrades.InRun(run));
    }

    private string Csv()
    {
        string csv = PathOf("sample.csv");
        using var gzip = new GZipStream(File.OpenRead(CliHarness.SampleTrades), CompressionMode.Decompress);
        using (var target = File.Create(csv))
        {
            gzip.CopyTo(target);
        }

        return csv;
    }

    private string Convert()
    {
        string recording = PathOf("sample.engrec");
        var (exit, _, error) = CliHarness.Run("convert", CliHarness.SampleTrades, "--out", recording);
        Assert.True(exit == 0, error);
        return recording;
    }

    private static (int Exit, string Output, string Error) Replay(string input, string run) =>
        CliHarness.Run(["replay", input, "--config", CliHarness.SampleConfig, "--out", run, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

    private static long SumOfTrades(string aggregated) =>
        File.ReadAllLines(aggregated).Skip(1).Where(l => l.Length > 0).Sum(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture));
}
