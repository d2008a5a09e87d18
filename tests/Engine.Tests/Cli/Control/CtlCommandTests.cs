using System.Text.Json;
using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Control;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Control;

/// <summary>`engine ctl` against a real `engine replay` run (paced, so it is still running): through the input ring and back.</summary>
public sealed class CtlCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("engine-ctl-run-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task HaltStatusResume_ReachARunningReplay_AndAreAnsweredFromTheEngine()
    {
        string dir = Path.Combine(_root, "run");
        Task<(int Exit, string Output, string Error)> replay = Task.Run(() => CliHarness.ReplaySample(dir, "--speed", "60"));
        Assert.True(Deadline.WaitUntil(() => File.Exists(Path.Combine(dir, ControlEndpoint.PointerFileName)) || replay.IsCompleted, TimeSpan.FromSeconds(60)));
        Assert.False(replay.IsCompleted, "the paced replay ended before the test could reach it");

        var (haltExit, halt, haltError) = CliHarness.Run("ctl", dir, "halt");
        var (statusExit, status, _) = CliHarness.Run("ctl", dir, "status");
        var (resumeExit, resume, _) = CliHarness.Run("ctl", dir, "resume");

        Assert.True(haltExit == ExitCodes.Ok, haltError + halt);
        Assert.Equal("HALTED", Field(halt, "state"));
        Assert.Equal(ExitCodes.Ok, statusExit);
        Assert.Equal("HALTED", Field(status, "state")); // status changes nothing
        Assert.Equal(ExitCodes.Ok, resumeExit);
        Assert.Equal("ACTIVE", Field(resume, "state"));

        var (exit, _, error) = await replay;
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.False(File.Exists(Path.Combine(dir, ControlEndpoint.PointerFileName))); // gone with the run
        var (lateExit, _, lateError) = CliHarness.Run("ctl", dir, "status");
        Assert.Equal(CtlCommand.NotApplied, lateExit);
        Assert.Contains("no engine is running", lateError, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandWord_IsAUsageError()
    {
        var (exit, _, error) = CliHarness.Run("ctl", _root, "explode");
        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("explode", error, StringComparison.Ordinal);
    }

    private static string? Field(string line, string name)
    {
        using JsonDocument d = JsonDocument.Parse(line);
        return d.RootElement.GetProperty(name).GetString();
    }
}
