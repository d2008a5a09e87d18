using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Run;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Market;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// <c>engine paper</c> in-process against the sim's REST (exchangeInfo) with a scripted feed: the run directory and
/// outputs are a replay's, the report adds the live section; bad symbols and an unreachable venue are refused.
/// </summary>
public sealed class PaperCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-paper-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<SimServer> Venue()
    {
        var symbols = new SymbolRegistry();
        return MarketTapes.Host(SimTape.Of([MarketTapes.Raw(symbols, "BTCUSDT", 1, "61800.3", "0.006", 1_723_161_256_322)], symbols));
    }

    private static (int Exit, string Output, string Error) Paper(string[] args, PaperFeedFactory feed, CancellationToken stop, Func<string?>? reason = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, reason ?? (() => null), Interactive: false, stop) { Environment = [], PaperFeed = feed };
        int exit = Engine.Cli.Program.Run(["paper", .. args], context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Paper_OnTheSampleTape_WritesTheSameAggregatedDeltaScoutAndBarsAsReplay()
    {
        await using SimServer venue = await Venue();
        string replayDir = Path.Combine(_dir, "replay");
        string paperDir = Path.Combine(_dir, "paper");
        (int replayExit, _, string replayError) = CliHarness.ReplaySample(replayDir);
        Assert.True(replayExit == 0, replayError);

        using var stop = new CancellationTokenSource();
        ScriptedPaperFeed? feed = null;
        (int exit, string output, string error) = Paper(
            ["--symbols", "BTCUSDT", "--endpoint", venue.BaseAddress.ToString(), "--out", paperDir, "--config", CliHarness.SampleConfig, .. CliHarness.Unpinned],
            c => feed = new ScriptedPaperFeed(c, CliHarness.SampleTrades, stop.Cancel),
            stop.Token,
            () => "the tape's end");

        Assert.True(exit == 0, error + output);
        Assert.Equal(CliHarness.SampleTradeCount, feed!.Published);
        foreach (string file in new[] { "aggregated.csv", "deltascout.log", "bars.csv" })
        {
            string expected = File.ReadAllText(Path.Combine(replayDir, file));
            Assert.False(string.IsNullOrEmpty(expected), file);
            Assert.Equal(expected, File.ReadAllText(Path.Combine(paperDir, file)));
        }

        string report = File.ReadAllText(Path.Combine(paperDir, "report.md"));
        Assert.Contains("- Ended: stopped by the tape's end", report, StringComparison.Ordinal);
        Assert.Contains($"- Venue: REST `{venue.BaseAddress}`, streams `ws://127.0.0.1:{venue.Port}/`", report, StringComparison.Ordinal);
        Assert.Contains("- Rate limits (exchangeInfo at start): REQUEST_WEIGHT 2400/1M, ORDERS 1200/1M, ORDERS 300/10S", report, StringComparison.Ordinal);
        Assert.Contains("- Threads: ", report, StringComparison.Ordinal);
        Assert.Contains($"| {CliHarness.SampleTradeCount} | 0 | 2 | 0 | 0 | 1 | 1 | 0 | 5 | 0 | 0 |", report, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine(paperDir, "report.md") + Environment.NewLine, output, StringComparison.Ordinal);
        Assert.Contains("reconnects=2 gaps=1/1 backfilled=5", output, StringComparison.Ordinal); // the last status line
    }

    [Fact]
    public async Task Paper_Duration_EndsTheRunCleanly_AndSaysSo()
    {
        await using SimServer venue = await Venue();
        string paperDir = Path.Combine(_dir, "paper");

        (int exit, string output, string error) = Paper(
            ["--symbols", "BTCUSDT,ETHUSDT", "--endpoint", venue.BaseAddress.ToString(), "--out", paperDir, "--duration", "1s", .. CliHarness.Unpinned],
            c => new ScriptedPaperFeed(c, null, () => { }),
            CancellationToken.None);

        Assert.True(exit == 0, error + output);
        string report = File.ReadAllText(Path.Combine(paperDir, "report.md"));
        Assert.Contains("- Ended: stopped by --duration 1 s", report, StringComparison.Ordinal);
        Assert.Contains("- Symbols: BTCUSDT, ETHUSDT", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(paperDir, "BTCUSDT", "aggregated.csv"))); // one directory per symbol, as a replay of two
        Assert.True(File.Exists(Path.Combine(paperDir, "ETHUSDT", "aggregated.csv")));
    }

    [Fact]
    public async Task Paper_ASymbolTheVenueDoesNotList_IsAConfigurationError_AndNothingIsCreated()
    {
        await using SimServer venue = await Venue();
        string paperDir = Path.Combine(_dir, "paper");

        (int exit, _, string error) = Paper(
            ["--symbols", "BTCUSDT,NOSUCHUSDT", "--endpoint", venue.BaseAddress.ToString(), "--out", paperDir],
            c => throw new InvalidOperationException("no feed may start"), CancellationToken.None);

        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains($"NOSUCHUSDT: not a usable symbol of {venue.BaseAddress}fapi/v1/exchangeInfo", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(paperDir));
    }

    [Fact]
    public async Task Paper_AnUnreachableVenue_IsVenueUnavailable_AndNothingIsCreated()
    {
        int port;
        await using (SimServer venue = await Venue())
        {
            port = venue.Port;
        }

        var request = new PaperRequest
        {
            Symbols = ["BTCUSDT"],
            Options = new Engine.Cli.Configuration.EngineOptions(),
            Endpoint = $"http://127.0.0.1:{port}",
            OutputDirectory = Path.Combine(_dir, "paper"),
            Feed = _ => throw new InvalidOperationException("no feed may start"),
            StartAttempts = 1,
        };

        Assert.Throws<Engine.Binance.ExchangeInfo.ExchangeInfoUnavailableException>(
            () => PaperRunner.Run(request, TextWriter.Null, TextWriter.Null, false, null, CancellationToken.None));
        Assert.False(Directory.Exists(request.OutputDirectory));
    }

    [Theory]
    [InlineData("--duration", "15x", "--duration 15x:")]
    [InlineData("--endpoint", "127.0.0.1:1", "--endpoint 127.0.0.1:1:")]
    public void Paper_BadOptions_AreConfigurationErrors(string option, string value, string said)
    {
        (int exit, _, string error) = Paper(["--symbols", "BTCUSDT", option, value, "--out", Path.Combine(_dir, "paper")],
            _ => throw new InvalidOperationException("no feed may start"), CancellationToken.None);

        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains(said, error, StringComparison.Ordinal);
    }
}
