using System.Text.Json;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Warm start (contracts §3): primed with the head of an aggregated.csv, a run over the tail must emit exactly the
/// PEAK lines that one continuous run over the whole file emits for those tail rows.
/// </summary>
public sealed class WarmStartTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-warm-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Sub(string name) => Path.Combine(_dir, name);

    [Fact]
    public void WarmStartFromHead_ThenTail_EmitsTheSamePeaksAsOneContinuousRun()
    {
        // The engine's own rows of the bundled sample are the input: 344 one-second rows.
        Assert.Equal(0, CliHarness.ReplaySample(Sub("trades")).Exit);
        string[] lines = File.ReadAllLines(Path.Combine(Sub("trades"), "aggregated.csv"));
        string header = lines[0];
        string[] rows = lines[1..];
        int split = rows.Length / 2;
        File.WriteAllLines(Sub("all.csv"), [header, .. rows]);
        File.WriteAllLines(Sub("head.csv"), [header, .. rows[..split]]);
        File.WriteAllLines(Sub("tail.csv"), [header, .. rows[split..]]);
        string tailStart = rows[split].Split(',')[0];

        var continuous = CliHarness.Run(["replay", Sub("all.csv"), "--config", CliHarness.SampleConfig, "--out", Sub("continuous"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        var warm = CliHarness.Run(["replay", Sub("tail.csv"), "--config", CliHarness.SampleConfig, "--out", Sub("warm"),
            "--set", $"Run:WarmStart={Sub("head.csv")}", .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        var cold = CliHarness.Run(["replay", Sub("tail.csv"), "--config", CliHarness.SampleConfig, "--out", Sub("cold"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(continuous.Exit == 0, continuous.Error);
        Assert.True(warm.Exit == 0, warm.Error);
        Assert.Equal(0, cold.Exit);

        string[] expected = [.. File.ReadAllLines(Path.Combine(Sub("continuous"), "deltascout.log"))
            .Where(l => string.CompareOrdinal(JsonDocument.Parse(l).RootElement.GetProperty("ts").GetString(), tailStart) >= 0)];
        string[] warmPeaks = File.ReadAllLines(Path.Combine(Sub("warm"), "deltascout.log"));
        string[] coldPeaks = File.ReadAllLines(Path.Combine(Sub("cold"), "deltascout.log"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, warmPeaks);
        Assert.NotEqual(expected, coldPeaks); // without the warm start the windows start empty and the peaks differ
        Assert.Contains("warm start: " + split + " rows", File.ReadAllText(Path.Combine(Sub("warm"), "report.md")), StringComparison.Ordinal);
    }
}
