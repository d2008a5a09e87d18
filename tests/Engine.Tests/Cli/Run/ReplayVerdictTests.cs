using System.IO.Compression;
using System.Text.Json;
using Engine.Cli;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// Issue 13, through the <c>engine</c> command: the lines printed just before the report's path, and the first lines
/// of report.md, are the run's verdict; <c>--symbol</c> names the symbol of a file named otherwise; a paced run's
/// latency starts when each trade is released.
/// </summary>
public sealed class ReplayVerdictTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-verdict-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Sub(string name) => Path.Combine(_dir, name);

    /// <summary>The console lines before the last (the report's path), from the first verdict line on.</summary>
    private static string[] VerdictOnConsole(string output)
    {
        string[] lines = output.TrimEnd('\n').Split('\n');
        int first = Array.FindLastIndex(lines, l => l.StartsWith("Latency: ", StringComparison.Ordinal));
        Assert.True(first >= 0, output);
        return lines[first..^1];
    }

    /// <summary>The verdict list at the top of report.md, labels unbolded.</summary>
    private static string[] VerdictInReport(string runDir)
    {
        string[] lines = File.ReadAllLines(Path.Combine(runDir, "report.md"));
        Assert.Equal("# Engine run report", lines[0]);
        Assert.Equal(string.Empty, lines[1]);
        return [.. lines.Skip(2).TakeWhile(l => l.StartsWith("- **", StringComparison.Ordinal)).Select(l => l[4..].Replace(":**", ":", StringComparison.Ordinal))];
    }

    /// <summary>Five trades 50 ms apart, replayed at recorded speed: a paced run of a quarter second.</summary>
    private (int Exit, string Output, string Error) ReplayPaced(string name, params string[] extra)
    {
        string csv = Sub("paced.csv");
        File.WriteAllLines(csv, ["id,price,qty,time,is_buyer_maker", .. Enumerable.Range(0, 5).Select(i => $"{i + 1},61800.{i},0.01,{1723161256000 + (i * 50)},false")]);
        return CliHarness.Run(["replay", csv, "--config", CliHarness.SampleConfig, "--out", Sub(name), "--speed", "1", "--set", "Runtime:WarmupEvents=0", .. extra, .. CliHarness.Unpinned]);
    }

    [Fact]
    public void Replay_BudgetHeldOrBlown_SaysSoFirstOnConsoleAndInReport()
    {
        var held = ReplayPaced("held", "--set", "Runtime:LatencyBudgetMs=600000"); // ten minutes
        var blown = ReplayPaced("blown", "--set", "Runtime:LatencyBudgetMs=0.000001"); // 1 ns: no event is that fast

        Assert.True(held.Exit == ExitCodes.Ok, held.Error);
        Assert.True(blown.Exit == ExitCodes.Ok, blown.Error);
        string[] heldLines = VerdictOnConsole(held.Output);
        string[] blownLines = VerdictOnConsole(blown.Output);
        Assert.StartsWith("Latency: budget of 600 s held: end-to-end p99.99 ", heldLines[0], StringComparison.Ordinal);
        Assert.EndsWith(" over 6 timed events.", heldLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Latency: budget of 1 ns BLOWN: end-to-end p99.99 ", blownLines[0], StringComparison.Ordinal);
        Assert.Equal("Trading: 0 signals (0 admitted), 0 orders, 0 fills, 0 positions closed (0 winning); net PnL 0.00 (realized 0.00, fees 0.00).", heldLines[1]);
        Assert.Equal("Problems: none: no malformed lines, no trades of other symbols, both rings never full", heldLines[2]);
        Assert.Equal(3, heldLines.Length);
        Assert.Equal(heldLines, VerdictInReport(Sub("held")));
        Assert.Equal(blownLines, VerdictInReport(Sub("blown")));
    }

    [Fact]
    public void Replay_BundledSample_TradingVerdictCountsItsTrades()
    {
        var (exit, output, error) = CliHarness.ReplaySample(Sub("sample"));

        Assert.True(exit == ExitCodes.Ok, error);
        string[] lines = VerdictOnConsole(output);
        Assert.StartsWith("Latency: not held against the 100 ms budget: as fast as possible", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^Trading: [1-9]\d* signals \(\d+ admitted\), [1-9]\d* orders, [1-9]\d* fills, .*net PnL -?\d+\.\d\d ", lines[1]);
    }

    [Fact]
    public void Replay_WithBadLines_NamesThemAmongTheProblems()
    {
        string csv = Sub("trades.csv");
        File.WriteAllText(csv,
            "id,price,qty,time,is_buyer_maker\n" +
            "1,61800.30,0.006,1723161256322,false\n" +
            "2,not-a-price,0.1,1723161256400,true\n" +
            "3,61800.40,0.2,1723161256500,true\n" +
            "4,61800.50\n");

        var (exit, output, error) = CliHarness.Run(["replay", csv, "--config", CliHarness.SampleConfig, "--out", Sub("bad"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.True(exit == ExitCodes.Ok, error);
        string[] lines = VerdictOnConsole(output);
        Assert.Contains("Problem: 2 malformed input lines skipped (which and why: Warnings in report.md).", lines);
        Assert.Equal(lines, VerdictInReport(Sub("bad")));
    }

    [Fact]
    public void Replay_FileNamedForAnotherSymbol_SaysWhyNothingWasTraded()
    {
        string eth = Sub("ETHUSDT-trades-x.csv");
        File.WriteAllText(eth, "id,price,qty,time,is_buyer_maker\n1,2600.10,0.5,1723161256322,false\n2,2600.20,0.4,1723161256400,true\n");

        var (exit, output, error) = CliHarness.Run(["replay", eth, "--config", CliHarness.SampleConfig, "--out", Sub("eth"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.True(exit == ExitCodes.Ok, error);
        string[] lines = VerdictOnConsole(output);
        Assert.Equal("Trading: nothing traded: no trade of the run's symbol BTCUSDT reached the engine.", lines[1]);
        Assert.Equal(
            "Problem: 2 trades skipped: symbol 'ETHUSDT' (from the file name ETHUSDT-trades-x.csv) is not the run's symbol BTCUSDT; name the file's symbol with --symbol (e.g. --symbol ETHUSDT) or set Symbol:Name.",
            lines[2]);
        Assert.Equal(lines, VerdictInReport(Sub("eth")));
    }

    [Fact]
    public void Replay_SymbolOption_TradesAFileWhoseNameSaysOtherwise()
    {
        string misnamed = Sub("ETHUSDT-trades-2024-08-08.csv.gz"); // the bundled BTCUSDT trades under another symbol's name
        File.Copy(CliHarness.SampleTrades, misnamed);

        var without = CliHarness.Run(["replay", misnamed, "--config", CliHarness.SampleConfig, "--out", Sub("without"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        var with = CliHarness.Run(["replay", misnamed, "--symbol", "btcusdt", "--config", CliHarness.SampleConfig, "--out", Sub("with"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        var sample = CliHarness.ReplaySample(Sub("sample"));

        Assert.True(with.Exit == ExitCodes.Ok, with.Error);
        using JsonDocument withSummary = JsonDocument.Parse(File.ReadAllText(Sub("with/summary.json")));
        using JsonDocument withoutSummary = JsonDocument.Parse(File.ReadAllText(Sub("without/summary.json")));
        Assert.Equal(CliHarness.SampleTradeCount, withSummary.RootElement.GetProperty("trades").GetInt64());
        Assert.Equal(0, withSummary.RootElement.GetProperty("unknownSymbolEvents").GetInt64());
        Assert.Equal(CliHarness.SampleTradeCount, withoutSummary.RootElement.GetProperty("unknownSymbolEvents").GetInt64());
        Assert.Equal(File.ReadAllBytes(Sub("sample/deltascout.log")), File.ReadAllBytes(Sub("with/deltascout.log")));
        Assert.Contains("Symbol:Name = BTCUSDT  (command line --symbol)", File.ReadAllLines(Sub("with/config.txt")));
        Assert.Contains("Problems: none: no malformed lines, no trades of other symbols, both rings never full", VerdictOnConsole(with.Output));
        Assert.Contains(VerdictOnConsole(without.Output), l => l.StartsWith("Problem: 21,313 trades skipped: symbol 'ETHUSDT'", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, sample.Exit);
    }

    [Fact]
    public void Convert_SymbolOption_RecordsTheTradesUnderThatSymbol()
    {
        string misnamed = Sub("ETHUSDT-trades-2024-08-08.csv.gz");
        File.Copy(CliHarness.SampleTrades, misnamed);

        var (exit, _, error) = CliHarness.Run("convert", misnamed, "--symbol", "BTCUSDT", "--out", Sub("btc.rec"));
        var replay = CliHarness.Run(["replay", Sub("btc.rec"), "--config", CliHarness.SampleConfig, "--out", Sub("rec"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.True(replay.Exit == ExitCodes.Ok, replay.Error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Sub("rec/summary.json")));
        Assert.Equal(CliHarness.SampleTradeCount, summary.RootElement.GetProperty("trades").GetInt64());
        Assert.Equal(0, summary.RootElement.GetProperty("unknownSymbolEvents").GetInt64());
    }

    [Fact]
    public void Replay_PacedTradesAQuarterSecondApart_LatencyStaysBelowTheGap()
    {
        const int gapMs = 250;
        string csv = Sub("paced.csv");
        File.WriteAllLines(csv, ["id,price,qty,time,is_buyer_maker", .. Enumerable.Range(0, 5).Select(i => $"{i + 1},61800.{i},0.01,{1723161256000 + (i * gapMs)},false")]);

        var (exit, output, error) = CliHarness.Run(["replay", csv, "--config", CliHarness.SampleConfig, "--out", Sub("paced"), "--speed", "1", "--set", "Runtime:WarmupEvents=0", .. CliHarness.Unpinned]);

        Assert.True(exit == ExitCodes.Ok, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Sub("paced/summary.json")));
        JsonElement latency = summary.RootElement.GetProperty("latencyNs");
        Assert.Equal(6, latency.GetProperty("count").GetInt64()); // five trades and the end of the input, every one timed
        Assert.True(latency.GetProperty("max").GetInt64() < gapMs * 1_000_000L, $"end-to-end max {latency.GetProperty("max").GetInt64()} ns is the {gapMs} ms wait for the trade's time");
        Assert.StartsWith("Latency: budget of 100 ms held", VerdictOnConsole(output)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_SpeedOption_MaxOrANumber_OtherwiseAUsageError()
    {
        Assert.Equal(ExitCodes.ConfigurationError, CliHarness.ReplaySample(Sub("x"), "--speed", "fast").Exit);
        Assert.Equal(ExitCodes.ConfigurationError, CliHarness.ReplaySample(Sub("y"), "--speed", "-2").Exit);

        var (exit, _, error) = CliHarness.ReplaySample(Sub("max"), "--speed", "max");

        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("Runtime:Speed = 0  (command line --speed)", File.ReadAllLines(Sub("max/config.txt")));
        Assert.Contains("- Pace: as fast as possible, repeat 1", File.ReadAllLines(Sub("max/report.md")));
    }
}
