using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Engine.Cli;
using Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Issue 14's hostile run of the <c>engine</c> command: odd inputs, odd options and odd output places, each answered
/// with a clear message and the documented exit code (README), never a stack trace or a silent success.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    // Defect 10: an unknown option was taken for an input file ("no such input file", exit 3).
    [Fact]
    public void Replay_UnknownOption_IsAUsageError()
    {
        var (exit, _, error) = CliHarness.ReplaySample(PathOf("run"), "--bogus");

        Assert.Equal(2, exit);
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
        Assert.DoesNotContain("no such input file", error, StringComparison.Ordinal);
    }

    // Defect 10: a .gz that is not gzip failed with .NET's message alone, which does not say which file.
    [Fact]
    public void Replay_RandomBytesNamedGz_IsBadInputNamingTheFile()
    {
        string path = PathOf("random.csv.gz");
        File.WriteAllBytes(path, RandomBytes(50_000, seed: 1));

        var (exit, _, error) = CliHarness.Run(["replay", path, "--config", CliHarness.SampleConfig, "--out", PathOf("run"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.Equal(3, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PathOf("run")), "bad input must leave no run directory");
    }

    // Defect 8: random bytes whose first line holds a comma were taken for a trade CSV of unknown layout: 0 trades, exit 0.
    [Fact]
    public void Replay_RandomBytesWithACommaInTheFirstLine_IsBadInput()
    {
        string path = PathOf("random.bin");
        File.WriteAllBytes(path, RandomLookingLikeCsv());

        var (exit, _, error) = CliHarness.Run(["replay", path, "--config", CliHarness.SampleConfig, "--out", PathOf("run"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.Equal(3, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PathOf("run")));
    }

    // Defect 8: convert of the same said "0 trades" and exited 0.
    [Fact]
    public void Convert_RandomBytesWithACommaInTheFirstLine_IsBadInput()
    {
        string path = PathOf("random.bin");
        File.WriteAllBytes(path, RandomLookingLikeCsv());

        var (exit, _, error) = CliHarness.Run("convert", path, "--out", PathOf("out.engrec"));

        Assert.Equal(3, exit);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.engrec")));
    }

    // Defect 8: convert dropped malformed lines without a word.
    [Fact]
    public void Convert_MalformedLines_AreCountedAndReported()
    {
        string path = PathOf("trades.csv");
        File.WriteAllText(path,
            "id,price,qty,quote_qty,time,is_buyer_maker\n" +
            "1,100.0,1.0,100.0,1723161256322,true\n" +
            "2,not-a-price,1.0,100.0,1723161256323,true\n" +
            "3,100.0,1.0,100.0,1723161256324,false\n");

        var (exit, output, error) = CliHarness.Run("convert", path, "--out", PathOf("out.engrec"));

        Assert.True(exit == 0, error);
        Assert.Contains("2 trades", output, StringComparison.Ordinal);
        Assert.Contains("1 malformed line", output + error, StringComparison.Ordinal);
        Assert.Contains("line 3", output + error, StringComparison.Ordinal);
    }

    // Defect 4: convert overwrote an existing --out silently.
    [Fact]
    public void Convert_ExistingOutput_IsRefusedUnlessForced()
    {
        string target = PathOf("out.engrec");
        File.WriteAllText(target, "precious");

        var (exit, _, error) = CliHarness.Run("convert", CliHarness.SampleTrades, "--out", target);

        Assert.Equal(2, exit);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(target));

        var (forced, output, forcedError) = CliHarness.Run("convert", CliHarness.SampleTrades, "--out", target, "--force");
        Assert.True(forced == 0, forcedError);
        Assert.Contains($"{CliHarness.SampleTradeCount} trades", output, StringComparison.Ordinal);
        Assert.Equal("ENGREC01"u8.ToArray(), File.ReadAllBytes(target)[..8]);
    }

    // Defect 4: `convert self.csv --out self.csv` replaced its own input.
    [Fact]
    public void Convert_OntoItsOwnInput_IsRefusedEvenWhenForced()
    {
        string input = PathOf("self.csv");
        File.WriteAllText(input, "id,price,qty,quote_qty,time,is_buyer_maker\n1,100.0,1.0,100.0,1723161256322,true\n");
        byte[] before = File.ReadAllBytes(input);

        // Spelled differently (relative with a dot segment) so a string comparison alone would not catch it.
        string sameFile = Path.Combine(_dir, ".", "self.csv");
        var (exit, _, error) = CliHarness.Run("convert", input, "--out", sameFile, "--force");

        Assert.Equal(2, exit);
        Assert.Contains("input", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    // Defect 9: frames of a symbol the run does not trade were counted as malformed lines.
    [Fact]
    public void Replay_FramesOfAnUnknownSymbol_CountAsUnknownSymbolEvents()
    {
        string path = PathOf("frames.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            var text = new StringBuilder();
            for (int i = 0; i < 10; i++)
            {
                text.Append(FormattableString.Invariant($"{1723161255088176367 + i} {{\"e\":\"aggTrade\",\"E\":{1723161256322 + i},\"a\":{7 + i},\"s\":\"ETHUSDT\",\"p\":\"2500.5\",\"q\":\"2\",\"f\":{10 + i},\"l\":{10 + i},\"T\":{1723161256322 + i},\"m\":true}}\n"));
            }

            gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        }

        string run = PathOf("run");
        var (exit, _, error) = CliHarness.Run(["replay", path, "--config", CliHarness.SampleConfig, "--out", run, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.True(exit == 0, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal(10, summary.RootElement.GetProperty("unknownSymbolEvents").GetInt64());
        Assert.Equal(0, summary.RootElement.GetProperty("malformedLines").GetInt64());
    }

    // Defect 9: a recording whose only symbol the run does not trade replayed every event with no warning.
    [Fact]
    public void Replay_RecordingOfOnlyAnUnknownSymbol_Warns()
    {
        string csv = PathOf("trades.csv.gz"); // no symbol in the name: the configured symbol (ETHUSDT below) names its trades
        File.Copy(CliHarness.SampleTrades, csv);
        string recording = PathOf("eth.engrec");
        var (converted, _, convertError) = CliHarness.Run("convert", csv, "--out", recording, "--config", CliHarness.SampleConfig, "--set", "Symbol:Name=ETHUSDT");
        Assert.True(converted == 0, convertError);

        string run = PathOf("run");
        var (exit, _, error) = CliHarness.Run(["replay", recording, "--config", CliHarness.SampleConfig, "--out", run, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.True(exit == 0, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal(CliHarness.SampleTradeCount, summary.RootElement.GetProperty("unknownSymbolEvents").GetInt64());
        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("'ETHUSDT'", report, StringComparison.Ordinal);
        Assert.Contains("skipped", report, StringComparison.Ordinal);
    }

    // Defect 10: `events` was the trades + 1 (the end-of-input marker); `orders` (23) counted cancels, which the
    // journal's orders table (17 rows) keeps as status changes of the orders they cancel.
    [Fact]
    public void Replay_Summary_CountsInputEventsAndTheJournalsOrders()
    {
        string run = PathOf("run");
        var (exit, _, error) = CliHarness.ReplaySample(run);

        Assert.True(exit == 0, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        JsonElement s = summary.RootElement;
        Assert.Equal(CliHarness.SampleTradeCount, s.GetProperty("events").GetInt64());
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using SqliteCommand orders = db.CreateCommand();
        orders.CommandText = "SELECT COUNT(*) FROM orders";
        long journaled = (long)orders.ExecuteScalar()!;
        Assert.True(journaled > 0);
        Assert.Equal(journaled, s.GetProperty("orders").GetInt64());
    }

    // Defect 10: a read-only --out was an internal fault with a .NET stack trace (exit 1).
    [Fact]
    public void Replay_ReadOnlyOut_IsAnOutputErrorWithoutStackTrace()
    {
        using SmallFilesystem? readOnly = SmallFilesystem.TryMount("ro,size=64k");
        if (readOnly is null)
        {
            return; // mounting needs root; CI runs as root
        }

        string run = Path.Combine(readOnly.Path, "run");
        var (exit, _, error) = CliHarness.ReplaySample(run);

        Assert.Equal(4, exit);
        Assert.Contains(run, error, StringComparison.Ordinal);
        Assert.Contains("read-only", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>50 KB of random bytes whose first line holds a comma, as about half of all random files do.</summary>
    private static byte[] RandomLookingLikeCsv()
    {
        byte[] bytes = RandomBytes(50_000, seed: 2);
        for (int i = 0; i < 40; i++)
        {
            if (bytes[i] is (byte)'\n' or (byte)'\r')
            {
                bytes[i] = (byte)'x';
            }
        }

        bytes[0] = (byte)'x';
        bytes[20] = (byte)',';
        return bytes;
    }
}
