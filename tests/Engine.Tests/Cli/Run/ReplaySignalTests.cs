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
    public async Task Replay_SigtermMidRun_DrainsWritesReportAndExitsZero()
    {
        string engine = Path.Combine(AppContext.BaseDirectory, "engine.dll");
        string runDir = Path.Combine(_dir, "run");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { engine, "replay", CliHarness.SampleTrades, "--config", CliHarness.SampleConfig, "--out", runDir, "--speed", "20" }.Concat(CliHarness.Unpinned))
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        string aggregated = Path.Combine(runDir, "aggregated.csv");

        // At 20× the sample's six minutes take ~17 s: stop it once a few rows are out.
        bool started = Deadline.WaitUntil(() => File.Exists(aggregated) && LineCount(aggregated) > 5, TimeSpan.FromSeconds(60));
        Assert.True(started, "no rows written; exited: " + process.HasExited);
        Assert.False(process.HasExited, "the run ended before the signal; slow it down");
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

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

        Assert.Contains("SIGTERM", File.ReadAllText(Path.Combine(runDir, "report.md")), StringComparison.Ordinal);
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
