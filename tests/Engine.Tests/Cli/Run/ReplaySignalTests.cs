using System.Diagnostics;
using System.Text.Json;
using Engine.Cli;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Run;

/// <summary>The real process: a paced replay stopped by SIGTERM drains, flushes, reports and exits 0.</summary>
public sealed class ReplaySignalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-sigterm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public Task Replay_SigtermMidRun_DrainsWritesReportAndExitsZero() => StopsCleanlyOn("TERM", "SIGTERM");

    /// <summary>Issue 14, defect 1: one SIGINT was handled twice (signal registration and CancelKeyPress) and aborted.</summary>
    [Fact]
    public Task Replay_OneSigintMidRun_DrainsWritesReportAndExitsZero() => StopsCleanlyOn("INT", "SIGINT");

    [Fact]
    public async Task Replay_SecondSigint_AbortsWithoutWaitingForTheDrain()
    {
        string runDir = Path.Combine(_dir, "run");
        using Process process = Start(runDir, "--speed", "2");
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? string.Empty);
        process.BeginErrorReadLine();
        var output = process.StandardOutput.ReadToEndAsync();
        Assert.True(Deadline.WaitUntil(() => File.Exists(Path.Combine(runDir, "aggregated.csv")), TimeSpan.FromSeconds(60)), "no run directory");
        Signal(process, "INT");
        Assert.True(Deadline.WaitUntil(() => errors.Any(l => l.Contains("received", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)), "first signal not acknowledged");
        Signal(process, "INT");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await output;

        // The first signal alone stops cleanly with 0 (the test above); 130 = 128 + SIGINT is the second one's abort.
        Assert.Equal(130, process.ExitCode);
    }

    private async Task StopsCleanlyOn(string signal, string reason)
    {
        string runDir = Path.Combine(_dir, "run");
        using Process process = Start(runDir, "--speed", "20");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        string aggregated = Path.Combine(runDir, "aggregated.csv");

        // At 20× the sample's six minutes take ~17 s: stop it once a few rows are out.
        bool started = Deadline.WaitUntil(() => File.Exists(aggregated) && LineCount(aggregated) > 5, TimeSpan.FromSeconds(60));
        Assert.True(started, "no rows written; exited: " + process.HasExited);
        Assert.False(process.HasExited, "the run ended before the signal; slow it down");
        Signal(process, signal);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        string stdout = await output;
        string stderr = await error;
        Assert.True(process.ExitCode == ExitCodes.Ok, stderr);
        Assert.EndsWith(Path.Combine(runDir, "report.md"), stdout.TrimEnd('\n').Split('\n')[^1], StringComparison.Ordinal);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "summary.json")));
        Assert.True(summary.RootElement.GetProperty("interrupted").GetBoolean());
        Assert.True(summary.RootElement.GetProperty("events").GetInt64() < CliHarness.SampleTradeCount);
        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(runDir, file));
            Assert.True(bytes.Length == 0 || bytes[^1] == (byte)'\n', $"{file} ends in a partial line");
        }

        Assert.True(File.Exists(Path.Combine(runDir, "histograms.json")), "histograms.json missing");
        Assert.Contains(reason, File.ReadAllText(Path.Combine(runDir, "report.md")), StringComparison.Ordinal);
    }

    private static Process Start(string runDir, params string[] extra)
    {
        string engine = Path.Combine(AppContext.BaseDirectory, "engine.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { engine, "replay", CliHarness.SampleTrades, "--config", CliHarness.SampleConfig, "--out", runDir }.Concat(extra).Concat(CliHarness.Unpinned))
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends one signal to the process alone (kill -INT / -TERM), as a terminal's Ctrl-C or a supervisor would.</summary>
    private static void Signal(Process process, string signal)
    {
        using Process kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static int LineCount(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int lines = 0;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            lines += b == '\n' ? 1 : 0;
        }

        return lines;
    }
}
