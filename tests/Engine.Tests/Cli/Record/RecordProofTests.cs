using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Record;
using Engine.Cli.Run;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Record;

/// <summary>
/// Issue 16's proof for <c>engine record</c>: the sim plays the bundled sample (21,313 raw trades) as Binance's streams;
/// the recorder captures aggTrade, trade and markPrice; <c>engine replay</c> of the recording gives the same
/// aggregated.csv and deltascout.log as the replay of the tape itself (the recording holds both trade streams, so the
/// replay keeps one: trade, the stream the tape's own replay reads).
/// </summary>
public sealed class RecordProofTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-record-proof-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RecordingOfTheSim_ReplaysLikeTheTape()
    {
        SimTape tape = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputKind.TradeCsv)], "BTCUSDT", symbolGiven: true, intervalMs: 1000);
        await using SimServer server = await SimServer.StartAsync(new SimExchange(new SimOptions { Speed = 60, LingerSeconds = 0 }, tape));
        int expectedFrames = server.Exchange.MarketSide!.Store.Frames.Length; // every aggTrade, trade and markPrice frame of the one symbol

        var request = RecordCommand.ToRequest("BTCUSDT", Path.Combine(_dir, "rec", "btc.gz"), "aggTrade,trade,markPrice", duration: null, $"http://127.0.0.1:{server.Port}");
        RotatingFrameWriter? writer = null;
        FeedRecordSource? source = null;
        using var stop = new CancellationTokenSource();
        var console = new StringWriter();
        Task<RecordOutcome> recording = RecordRunner.RunAsync(request, w => source = new FeedRecordSource(request, w), console, stop.Token,
            onStarted: w => Volatile.Write(ref writer, w));
        Assert.True(Deadline.WaitUntil(() => Volatile.Read(ref writer) is { } w && w.Frames >= expectedFrames, Wait),
            $"recorded {Volatile.Read(ref writer)?.Frames} of {expectedFrames} frames");
        await stop.CancelAsync();
        RecordOutcome outcome = await recording.WaitAsync(Wait);

        Assert.Equal([new Uri($"ws://127.0.0.1:{server.Port}/market/stream?streams=btcusdt@aggTrade/btcusdt@trade/btcusdt@markPrice@1s")], source!.Connections);
        Assert.Equal(expectedFrames, outcome.Frames);
        Assert.Equal(0, outcome.Reconnects);
        Assert.Contains($"record: {expectedFrames:N0} frames", console.ToString(), StringComparison.Ordinal);

        var (exit, output, error) = CliHarness.Run(["replay", .. outcome.Files, "--symbol", "BTCUSDT", "--set", "Run:TradeStream=Trade",
            "--config", CliHarness.SampleConfig, "--out", Path.Combine(_dir, "recorded"), .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(exit == ExitCodes.Ok, error);
        Assert.Contains("replayed trade only (Run:TradeStream)", output, StringComparison.Ordinal);
        var (tapeExit, _, tapeError) = CliHarness.ReplaySample(Path.Combine(_dir, "tape"));
        Assert.True(tapeExit == ExitCodes.Ok, tapeError);

        foreach (string file in new[] { "aggregated.csv", "deltascout.log" })
        {
            string expected = File.ReadAllText(Path.Combine(_dir, "tape", file));
            Assert.True(expected.Length > 100, $"{file} of the tape is nearly empty");
            Assert.Equal(expected, File.ReadAllText(Path.Combine(_dir, "recorded", file)));
        }
    }

    [Fact]
    public async Task RecordCommand_WithADuration_EndsByItself_WithWholeGzipFiles()
    {
        SimTape tape = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputKind.TradeCsv)], "BTCUSDT", symbolGiven: true, intervalMs: 1000);
        await using SimServer server = await SimServer.StartAsync(new SimExchange(new SimOptions { Speed = 20, LingerSeconds = 0 }, tape));
        string target = Path.Combine(_dir, "cmd.gz");

        var (exit, output, error) = await Task.Run(() =>
            CliHarness.Run(["record", "--symbols", "btcusdt", "--out", target, "--streams", "trade", "--duration", "2s", "--endpoint", $"http://127.0.0.1:{server.Port}"]));

        Assert.True(exit == ExitCodes.Ok, error);
        string[] files = Directory.GetFiles(_dir, "cmd.*.gz");
        Assert.NotEmpty(files);
        long lines = files.Sum(f => RotatingFrameWriterTests.Lines(f).Count); // a cut gzip would throw here

        Assert.True(lines > 0, output);
        Assert.Contains($"record: {lines:N0} frames", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordCommand_OutputThatCannotBeWritten_StopsWithExit4AndAMessage()
    {
        SimTape tape = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputKind.TradeCsv)], "BTCUSDT", symbolGiven: true, intervalMs: 1000);
        await using SimServer server = await SimServer.StartAsync(new SimExchange(new SimOptions { Speed = 20, LingerSeconds = 0 }, tape));
        string blocker = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");

        var (exit, _, error) = await Task.Run(() =>
            CliHarness.Run(["record", "--symbols", "BTCUSDT", "--out", Path.Combine(blocker, "rec.gz"), "--streams", "trade", "--duration", "30s", "--endpoint", $"http://127.0.0.1:{server.Port}"]));

        Assert.Equal(ExitCodes.OutputError, exit); // ends at the first frame, well before the 30 s
        Assert.Contains("cannot write output: --out", error, StringComparison.Ordinal);
        Assert.Contains("the recording stopped there", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--symbols", "BTC-USDT")]
    [InlineData("--streams", "depth")]
    [InlineData("--duration", "0s")]
    [InlineData("--endpoint", "ftp://x")]
    public void RecordCommand_BadOption_IsAConfigurationError(string option, string value)
    {
        string[] args = ["record", "--symbols", "BTCUSDT", "--out", Path.Combine(_dir, "x.gz"), option, value];
        var (exit, _, error) = CliHarness.Run(args);

        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
