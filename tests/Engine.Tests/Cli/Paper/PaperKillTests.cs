using System.Diagnostics;
using System.Globalization;
using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Journal;
using Engine.Cli.Run;
using Engine.EventLog;
using Engine.Sim;
using Engine.Tests.Support;
using Xunit.Abstractions;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// Issue 18, the kill test: the built <c>engine paper</c> as a child process against the sim (in-process, the bundled
/// sample as tape), SIGKILLed at random points (after a seeded random amount of journal growth; snapshots every second,
/// so some kills land during one), restarted each time with <c>--resume</c>. After each kill the resumed process's
/// state from the snapshot and tail must equal the state of one engine that played the whole journal (the resume
/// compares both and says when they differ). At the end a clean stop, then a resume that plays nothing compares the
/// live engine's own state (its clean-stop snapshot, after all those kills) with the whole journal's; the outputs equal
/// <c>engine replay</c> of the journal byte for byte (no row lost, none twice). The seed is printed on failure;
/// <c>ENGINE_KILL_SEED</c>, <c>ENGINE_KILL_POINTS</c> (default 3) and <c>ENGINE_KILL_SPEED</c> (default 8) set them
/// (scripts/kill-test.sh runs 20 points).
/// </summary>
[Collection(nameof(WholeEngineRuns))]
public sealed class PaperKillTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-paper-kill-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Paper_KilledAtRandomPoints_ResumesEachTimeToTheUninterruptedStateAndOutputs()
    {
        int seed = ChildEngine.Setting("ENGINE_KILL_SEED", Random.Shared.Next());
        int points = ChildEngine.Setting("ENGINE_KILL_POINTS", 3);
        double speed = ChildEngine.Setting("ENGINE_KILL_SPEED", 8);
        try
        {
            await KillAndResume(seed, points, speed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"kill test, seed {seed} (ENGINE_KILL_SEED={seed} ENGINE_KILL_POINTS={points} ENGINE_KILL_SPEED={speed} repeats it): {e.Message}");
        }
    }

    private async Task KillAndResume(int seed, int points, double speed)
    {
        var random = new Random(seed);
        string run = Path.Combine(_dir, "run");
        string journal = Path.Combine(run, EventJournal.FileName);
        var tape = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputDetector.Detect(CliHarness.SampleTrades))], "BTCUSDT", false, 1000);
        await using SimServer venue = await SimServer.StartAsync(new SimExchange(new SimOptions { Speed = speed, LingerSeconds = 3600 }, tape, null));

        for (int kill = 0; kill <= points; kill++)
        {
            long before = File.Exists(journal) ? new FileInfo(journal).Length : 0;
            long growth = random.Next(500, 40_000); // bytes of journal: a few to a few hundred trades
            using Process paper = Start(venue, run);
            Task<string> errors = paper.StandardError.ReadToEndAsync();
            Task<string> output = paper.StandardOutput.ReadToEndAsync();
            bool grew = Deadline.WaitUntil(() => paper.HasExited || (File.Exists(journal) && new FileInfo(journal).Length >= before + growth), Wait);
            if (!grew || paper.HasExited)
            {
                Assert.Fail($"session {kill}: the journal did not grow by {growth} bytes (exited: {paper.HasExited}); {await ChildEngine.Ended(paper, errors, Wait)}");
            }

            if (kill < points)
            {
                paper.Kill(); // SIGKILL: no drain, no flush, no report
            }
            else
            {
                ChildEngine.Signal(paper, "TERM");
            }

            await paper.WaitForExitAsync().WaitAsync(Wait);
            long length = new FileInfo(journal).Length;
            string said = await errors;
            log.WriteLine($"session {kill}: {(kill < points ? "SIGKILL" : "SIGTERM")} after {length - before:N0} bytes of journal ({length:N0} in all), exit {paper.ExitCode}; {(kill == 0 ? "a new run" : string.Join(" | ", said.Split('\n').Where(l => l.StartsWith("engine: ", StringComparison.Ordinal) && !l.Contains("did not stop cleanly", StringComparison.Ordinal))))}");
            await output;
            if (kill > 0)
            {
                Assert.Contains("engine: resumed at journal position", said, StringComparison.Ordinal);
                Assert.DoesNotContain("differs", said, StringComparison.Ordinal);
                Assert.Contains("did not stop cleanly", said, StringComparison.Ordinal); // the one before was killed
            }

            if (kill == points)
            {
                Assert.True(paper.ExitCode == ExitCodes.Ok, $"the clean stop exited {paper.ExitCode}: {said}");
            }
        }

        // The live engine's own state after every kill and resume, against one engine that played the whole journal.
        // Without the marker the resume takes the crash path: the outputs written again, and the state of the snapshot it
        // loads (the clean stop's) compared with the whole journal's.
        long end = EventJournal.Scan(journal).NextPosition;
        Assert.StartsWith($"position {end}\n", File.ReadAllText(Path.Combine(run, RunJournaling.StopMarkerFileName)), StringComparison.Ordinal);
        File.Delete(Path.Combine(run, RunJournaling.StopMarkerFileName));
        (int exit, string checkOutput, string checkError) = ResumeWithNothing(venue, run);
        Assert.True(exit == 0, checkError + checkOutput);
        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains($"resumed at journal position {end:N0}: snapshot at {end:N0} + 0 journal records", report, StringComparison.Ordinal);
        Assert.DoesNotContain("differs", report, StringComparison.Ordinal);

        // Every row once: the outputs are what a replay of the journal writes, and no interval twice.
        string replay = Path.Combine(_dir, "replay");
        (int replayExit, _, string replayError) = CliHarness.Run(["replay", journal, "--config", CliHarness.SampleConfig, "--out", replay, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(replayExit == 0, replayError);
        foreach (string file in new[] { RunJournal.AggregatedFileName, RunJournal.DeltaScoutFileName, RunJournal.BarsFileName })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(replay, file)), File.ReadAllText(Path.Combine(run, file)));
        }

        string trading = report.Split('\n').SkipWhile(l => !l.StartsWith("| Signals |", StringComparison.Ordinal)).Skip(2).FirstOrDefault() ?? "no trading table";
        log.WriteLine($"signals, admitted, orders, fills, positions closed, winners, PnL, fees, net: {trading}");
        log.WriteLine($"seed {seed}: {points} kills, journal {end:N0} records; the clean stop's state equals the whole journal's; outputs equal engine replay of the journal");
        string[] starts = [.. File.ReadLines(Path.Combine(run, RunJournal.AggregatedFileName)).Skip(1).Select(l => l.Split(',')[0])];
        Assert.True(starts.Length > 3, $"{starts.Length} aggregated rows: the sessions saw too little of the tape");
        Assert.Equal(starts.Length, starts.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>A resume in-process whose feed publishes nothing and stops at once: the restore and its comparison alone.</summary>
    private static (int Exit, string Output, string Error) ResumeWithNothing(SimServer venue, string run)
    {
        using var stop = new CancellationTokenSource();
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, () => "the check", Interactive: false, stop.Token)
        {
            Environment = [],
            PaperFeed = c => new SlicedPaperFeed(c, 0, 0, stop.Cancel),
        };
        int exit = Engine.Cli.Program.Run(
            ["paper", "--symbols", "BTCUSDT", "--endpoint", venue.BaseAddress.ToString(), "--resume", run, "--config", CliHarness.SampleConfig, .. CliHarness.Unpinned], context);
        return (exit, output.ToString(), error.ToString());
    }

    private static Process Start(SimServer venue, string run) => ChildEngine.Start(
        [
            "paper", "--symbols", "BTCUSDT", "--endpoint", venue.BaseAddress.ToString(),
            "--resume", run, "--config", CliHarness.SampleConfig, "--set", "EventJournal:SnapshotIntervalSeconds=1", .. CliHarness.Unpinned,
        ]);
}
