using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Engine.Cli;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Issue 14, defects 2 and 7: the bundled sample with trades moved, shuffled, repeated or removed. The truth is the
/// unmodified sample's own replay: a trade out of place within the reorder window, or repeated, must change nothing;
/// one beyond it is counted, and every trade is either in aggregated.csv or in a counter.
/// </summary>
public sealed class TradeOrderReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-order-").FullName;
    private readonly string _header;
    private readonly List<string> _trades;

    public TradeOrderReplayTests()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(CliHarness.SampleTrades), CompressionMode.Decompress));
        _header = reader.ReadLine()!;
        _trades = [];
        while (reader.ReadLine() is string line)
        {
            if (line.Length > 0)
            {
                _trades.Add(line);
            }
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Defect 2: one trade moved 39 s ahead of its place (to the front) dropped most of the file (580 trades left).
    [Fact]
    public void Replay_OneTradeMovedToTheFront_IsPutBackAndChangesNothing()
    {
        Run baseline = Replay("baseline", _trades);
        long firstMs = TimeOf(_trades[0]);
        int moved = _trades.FindIndex(l => TimeOf(l) >= firstMs + 39_000);
        var lines = new List<string>(_trades);
        string outlier = lines[moved];
        lines.RemoveAt(moved);
        lines.Insert(0, outlier);

        Run run = Replay("moved", lines);

        Assert.Equal(baseline.Aggregated, run.Aggregated);
        Assert.Equal(baseline.DeltaScout, run.DeltaScout);
        Assert.Equal(_trades.Count, SumOfTrades(run.Aggregated) + run.LeftOpenTrades);
        Assert.Equal(0, run.Summary("droppedLateTrades"));
        Assert.True(run.Summary("reorderedTrades") > 0);
        Assert.Equal(0, run.Summary("idGaps"));
        Assert.Contains("reorder window", run.Report, StringComparison.Ordinal);
    }

    // Defect 2: trades swapped with their neighbours (well within the window) are put back: the same outputs.
    [Fact]
    public void Replay_NeighboursSwapped_GiveTheSameOutputs()
    {
        Run baseline = Replay("baseline", _trades);
        var lines = new List<string>(_trades);
        for (int i = 1; i + 1 < lines.Count; i += 7)
        {
            (lines[i], lines[i + 1]) = (lines[i + 1], lines[i]);
        }

        Run run = Replay("swapped", lines);

        Assert.Equal(baseline.Aggregated, run.Aggregated);
        Assert.Equal(baseline.DeltaScout, run.DeltaScout);
        Assert.Equal(baseline.Summary("signals"), run.Summary("signals"));
        Assert.Equal(0, run.Summary("droppedLateTrades"));
    }

    // Defect 2: 200 lines shuffled among themselves (most far beyond the window) dropped 168 trades without a word.
    [Fact]
    public void Replay_TwoHundredLinesShuffled_KeepsEveryIntervalAndAccountsForEveryTrade()
    {
        Run baseline = Replay("baseline", _trades);
        var random = new Random(14);
        int[] positions = [.. Enumerable.Range(0, _trades.Count).OrderBy(_ => random.Next()).Take(200).Order()];
        string[] picked = [.. positions.Select(p => _trades[p]).OrderBy(_ => random.Next())];
        var lines = new List<string>(_trades);
        for (int i = 0; i < positions.Length; i++)
        {
            lines[positions[i]] = picked[i];
        }

        Run run = Replay("shuffled", lines);

        // No interval closed ahead of the data and none lost: the same interval starts as the intact replay.
        Assert.Equal(Starts(baseline.Aggregated), Starts(run.Aggregated));
        long dropped = run.Summary("droppedLateTrades");
        Assert.True(dropped > 0, "shuffled far beyond a 1 s window, some trades must come too late");
        Assert.Equal(_trades.Count, SumOfTrades(run.Aggregated) + run.LeftOpenTrades + dropped);
        Assert.Equal(run.Summary("outOfOrderTrades"), run.Summary("reorderedTrades") + dropped);
        Assert.Contains("dropped as later than it", run.Report, StringComparison.Ordinal);
    }

    // Defect 7: every 10th line repeated changed TotalQty (153.469 instead of 140.047) and lost a signal.
    [Fact]
    public void Replay_EveryTenthLineRepeated_DropsTheRepeatsAndChangesNothing()
    {
        Run baseline = Replay("baseline", _trades);
        var lines = new List<string>();
        int repeats = 0;
        for (int i = 0; i < _trades.Count; i++)
        {
            lines.Add(_trades[i]);
            if (i % 10 == 9)
            {
                lines.Add(_trades[i]);
                repeats++;
            }
        }

        Run run = Replay("repeated", lines);

        Assert.Equal(baseline.Aggregated, run.Aggregated);
        Assert.Equal(baseline.DeltaScout, run.DeltaScout);
        Assert.Equal(repeats, run.Summary("duplicateTrades"));
        Assert.Equal(0, run.Summary("outOfOrderTrades"));
        Assert.Contains($"{repeats} duplicate ids dropped", run.Report, StringComparison.Ordinal);
    }

    // Defect 7: id gaps passed without a word.
    [Fact]
    public void Replay_LinesRemoved_CountsTheIdGaps()
    {
        var lines = new List<string>(_trades);
        lines.RemoveRange(15_000, 3); // one gap of 3 ids
        lines.RemoveAt(10_000);       // and one of 1
        lines.RemoveAt(5_000);        // and one of 1

        Run run = Replay("thinned", lines);

        Assert.Equal(3, run.Summary("idGaps"));
        Assert.Equal(5, run.Summary("missingIds"));
        Assert.Equal(lines.Count, SumOfTrades(run.Aggregated) + run.LeftOpenTrades);
        Assert.Contains("3 id gaps (5 ids missing)", run.Report, StringComparison.Ordinal);
    }

    private Run Replay(string name, IEnumerable<string> lines)
    {
        string csv = Path.Combine(_dir, name + ".csv");
        File.WriteAllLines(csv, [_header, .. lines]);
        string run = Path.Combine(_dir, name);
        var (exit, _, error) = CliHarness.Run(["replay", csv, "--config", CliHarness.SampleConfig, "--out", run, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(exit == ExitCodes.Ok, error);
        return new Run(run);
    }

    private static long TimeOf(string line) => long.Parse(line.Split(',')[3], CultureInfo.InvariantCulture);

    private static long SumOfTrades(string aggregated) =>
        aggregated.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Sum(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture));

    private static string[] Starts(string aggregated) =>
        [.. aggregated.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0])];

    private sealed class Run(string directory)
    {
        public string Aggregated { get; } = File.ReadAllText(Path.Combine(directory, "aggregated.csv"));

        public string DeltaScout { get; } = File.ReadAllText(Path.Combine(directory, "deltascout.log"));

        public string Report { get; } = File.ReadAllText(Path.Combine(directory, "report.md"));

        private readonly string _summary = File.ReadAllText(Path.Combine(directory, "summary.json"));

        public long LeftOpenTrades => Engine.Tests.Cli.Run.LeftOpenTrades.FromSummaryJson(_summary);

        public long Summary(string name)
        {
            using JsonDocument doc = JsonDocument.Parse(_summary);
            return doc.RootElement.TryGetProperty(name, out JsonElement e) ? e.GetInt64() : -1;
        }
    }
}
