using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Engine.Cli;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// The status line's trading figures mean what the summary's mean (issue #12: they disagreed, e.g. orders=63 against
/// 37 orders, because the line counted cancels and queries as orders and showed equity's change as PnL): the run's
/// last status line, written after the engine and the journal are done, shows exactly the summary's figures.
/// </summary>
public sealed partial class StatusSummaryAgreementTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-status-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [GeneratedRegex(@" signals=(\d+) orders=(\d+) cancels=(\d+) fills=(\d+) netPnl=(-?\d+\.\d\d) ")]
    private static partial Regex TradingFigures();

    /// <summary>The trading figures of the last status line of a run's output.</summary>
    public static (long Signals, long Orders, long Cancels, long Fills, decimal NetPnl) LastStatusLine(string output)
    {
        Match m = TradingFigures().Matches(output).Last();
        return (long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
            decimal.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void SampleReplay_LastStatusLine_ShowsTheSummarysSignalsOrdersCancelsFillsAndNetPnl()
    {
        string dir = Path.Combine(_dir, "run");
        var (exit, output, error) = CliHarness.ReplaySample(dir, "--set", "Runtime:StatusIntervalSeconds=0.2");
        Assert.True(exit == ExitCodes.Ok, error);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        JsonElement s = summary.RootElement;
        var expected = (
            s.GetProperty("signals").GetInt64(),
            s.GetProperty("orders").GetInt64(),
            s.GetProperty("cancels").GetInt64(),
            s.GetProperty("fills").GetInt64(),
            Math.Round(s.GetProperty("netPnl").GetDecimal(), 2, MidpointRounding.AwayFromZero));
        Assert.True(expected.Item2 > 0 && expected.Item3 > 0 && expected.Item4 > 0, "the sample trades: orders, cancels and fills to compare");
        Assert.Equal(expected, LastStatusLine(output));
    }
}
