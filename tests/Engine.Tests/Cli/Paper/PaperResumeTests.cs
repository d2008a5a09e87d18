using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.EventLog.Snapshots;
using Engine.Cli.Journal;
using Engine.Cli.Run;
using Engine.EventLog;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Market;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// Issue 18, <c>engine paper --resume DIR</c> in-process: a paper run stopped part-way through the bundled sample and
/// resumed on the rest ends with the outputs of one replay of the whole sample (every row once, none lost) and with
/// the engine state of one paper run that never stopped (the clean-stop snapshots of both, byte for byte); a torn
/// journal tail is cut and said; a journal of other symbols is refused.
/// </summary>
public sealed class PaperResumeTests : IDisposable
{
    private static readonly string[] TextOutputs = [RunJournal.AggregatedFileName, RunJournal.DeltaScoutFileName, RunJournal.BarsFileName];
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-paper-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Resume_AfterACleanStopHalfWay_EndsWithTheOutputsAndStateOfOneUninterruptedRun()
    {
        await using SimServer venue = await Venue();
        string replayDir = Path.Combine(_dir, "replay");
        (int replayExit, _, string replayError) = CliHarness.ReplaySample(replayDir);
        Assert.True(replayExit == 0, replayError);
        string whole = Path.Combine(_dir, "whole");
        Assert.Equal(0, Paper(venue, ["--out", whole], 0, long.MaxValue).Exit);

        string run = Path.Combine(_dir, "run");
        long half = CliHarness.SampleTradeCount / 2;
        (int first, _, string firstError) = Paper(venue, ["--out", run], 0, half);
        Assert.True(first == 0, firstError);
        Assert.StartsWith($"position {half}\n", File.ReadAllText(Path.Combine(run, RunJournaling.StopMarkerFileName)), StringComparison.Ordinal);
        (int second, string output, string secondError) = Paper(venue, ["--resume", run], half, long.MaxValue);
        Assert.True(second == 0, secondError + output);

        foreach (string file in TextOutputs)
        {
            string expected = File.ReadAllText(Path.Combine(replayDir, file));
            Assert.False(string.IsNullOrEmpty(expected), file);
            Assert.Equal(expected, File.ReadAllText(Path.Combine(run, file)));
        }

        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains($"resumed at journal position {half:N0}: snapshot at {half:N0} + 0 journal records", report, StringComparison.Ordinal);
        Assert.Contains($"the previous session stopped cleanly at journal position {half:N0} (the tape's end)", report, StringComparison.Ordinal);

        // Both runs end at the same journal position; the engines' own states there, as their clean stops wrote them.
        EngineSnapshot resumed = LastSnapshot(run), uninterrupted = LastSnapshot(whole);
        Assert.Equal(CliHarness.SampleTradeCount, uninterrupted.Position);
        Assert.Equal(uninterrupted.Position, resumed.Position);
        Assert.Equal(uninterrupted.State, resumed.State);
    }

    [Fact]
    public async Task Resume_ATornJournalTail_IsCutAndReported_AndTheOutputsHoldEveryRowOnce()
    {
        await using SimServer venue = await Venue();
        string replayDir = Path.Combine(_dir, "replay");
        Assert.Equal(0, CliHarness.ReplaySample(replayDir).Exit);
        string run = Path.Combine(_dir, "run");
        long third = CliHarness.SampleTradeCount / 3;
        Assert.Equal(0, Paper(venue, ["--out", run], 0, third).Exit);

        // A kill in the middle of a write: the last record half there; no clean-stop marker, no stop snapshot.
        File.Delete(Path.Combine(run, RunJournaling.StopMarkerFileName));
        File.Delete(LastSnapshotPath(run));
        string journal = Path.Combine(run, EventJournal.FileName);
        byte[] bytes = File.ReadAllBytes(journal);
        File.WriteAllBytes(journal, bytes[..^40]);

        (int exit, string output, string error) = Paper(venue, ["--resume", run], third - 1, long.MaxValue);
        Assert.True(exit == 0, error + output);
        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("torn", report, StringComparison.Ordinal);
        Assert.Contains($"truncated there, {third - 1} records kept", report, StringComparison.Ordinal);
        Assert.Contains("the previous session did not stop cleanly", report, StringComparison.Ordinal);
        foreach (string file in TextOutputs)
        {
            Assert.Equal(File.ReadAllText(Path.Combine(replayDir, file)), File.ReadAllText(Path.Combine(run, file)));
        }
    }

    [Fact]
    public async Task Resume_WithOtherSymbolsThanTheJournals_IsRefused_AndChangesNothing()
    {
        await using SimServer venue = await Venue();
        string run = Path.Combine(_dir, "run");
        Assert.Equal(0, Paper(venue, ["--out", run], 0, 100).Exit);
        byte[] before = File.ReadAllBytes(Path.Combine(run, EventJournal.FileName));

        (int exit, _, string error) = Paper(venue, ["--resume", run], 100, 200, "BTCUSDT,ETHUSDT");

        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("the journal's symbols are BTCUSDT, this run's BTCUSDT,ETHUSDT", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(run, EventJournal.FileName)));
        Assert.True(File.Exists(Path.Combine(run, RunJournaling.StopMarkerFileName)));
    }

    private static EngineSnapshot LastSnapshot(string run) => EngineSnapshot.ReadFrom(LastSnapshotPath(run));

    private static string LastSnapshotPath(string run) => EngineRestore.SnapshotFiles(run)[0];

    private static Task<SimServer> Venue()
    {
        var symbols = new SymbolRegistry();
        return MarketTapes.Host(SimTape.Of([MarketTapes.Raw(symbols, "BTCUSDT", 1, "61800.3", "0.006", 1_723_161_256_322)], symbols));
    }

    /// <summary>engine paper on the sample's trades [<paramref name="from"/>, <paramref name="to"/>), stopped at their end.</summary>
    private static (int Exit, string Output, string Error) Paper(SimServer venue, string[] where, long from, long to, string symbols = "BTCUSDT")
    {
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, () => "the tape's end", Interactive: false, stop.Token)
        {
            Environment = [],
            PaperFeed = c => new SlicedPaperFeed(c, from, to, stop.Cancel),
        };
        int exit = Engine.Cli.Program.Run(
            ["paper", "--symbols", symbols, "--endpoint", venue.BaseAddress.ToString(), .. where, "--config", CliHarness.SampleConfig, .. CliHarness.Unpinned], context);
        return (exit, output.ToString(), error.ToString());
    }
}
