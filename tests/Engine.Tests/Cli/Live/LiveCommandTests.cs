using System.Globalization;
using System.Text;
using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Sim;
using Engine.Sim.Trading;
using Engine.Tests.Cli.Paper;
using Engine.Tests.Sim.Trading;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Live;

/// <summary>
/// <c>engine live</c> through the command against the in-process sim: what it refuses before anything is sent (real
/// money without consent, a key missing or readable by others, an account in hedge mode), and a whole run with the
/// latency probe: orders reach the sim's desk, every entry is cancelled by the stop, the start-up reconciliation ran
/// before the first order, and no byte the run wrote holds the API key or its secret.
/// </summary>
[Collection(nameof(WholeEngineRuns))]
public sealed class LiveCommandTests : IDisposable
{
    // Fake credentials with a shape no other text in a run has: any occurrence in an output is a leak.
    private const string ApiKey = "LIVETESTkeyQx7Wm2Zr9Tb4Nc8Vd1Hf6Jg3Kp5Ls0Ay";
    private const string Secret = "LIVETESTsecretPz4Mx8Nq2Rw6Tv0Yb3Uc7Ed1Gf5Hj9";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-live-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static KeyValuePair<string, string>[] Keys => [new("BINANCE_API_KEY", ApiKey), new("BINANCE_API_SECRET", Secret)];

    private static (int Exit, string Output, string Error) Run(IEnumerable<KeyValuePair<string, string>> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, () => null, Interactive: false, CancellationToken.None) { Environment = environment };
        int exit = Engine.Cli.Program.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Production_WithoutTheRealMoneyFlag_IsRefused_BeforeAnythingIsCreated()
    {
        string run = Path.Combine(_dir, "run");
        var (exit, _, error) = Run(Keys, "live", "--symbols", "BTCUSDT", "--set", "Venue:Environment=Production", "--out", run);
        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("--i-understand-this-trades-real-money", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("http://10.20.30.40:8080")] // a private host: it may be a proxy to production
    [InlineData("https://fapi.binance.com")] // production's own host as a custom endpoint
    public void CustomEndpoint_NotLoopbackNorTestnet_NeedsTheFlag(string endpoint)
    {
        var (exit, _, error) = Run(Keys, "live", "--symbols", "BTCUSDT", "--endpoint", endpoint, "--out", Path.Combine(_dir, "run"));
        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("neither loopback nor a Binance testnet host", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithAnEndpoint_IsAContradiction()
    {
        var (exit, _, error) = Run(Keys, "live", "--symbols", "BTCUSDT", "--endpoint", "http://127.0.0.1:1", "--set", "Venue:Environment=Production",
            "--i-understand-this-trades-real-money");
        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("drop --endpoint", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKey_IsRefused_NamingWhereOneGoes()
    {
        var (exit, _, error) = Run([], "live", "--symbols", "BTCUSDT", "--endpoint", "http://127.0.0.1:1");
        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("BINANCE_API_KEY", error, StringComparison.Ordinal);
        Assert.Contains("Venue:KeyFile", error, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyFile_ReadableByOthers_IsRefused_WithoutPrintingItsSecret()
    {
        string file = Path.Combine(_dir, "keys.json");
        File.WriteAllText(file, $$"""{"apiKey":"{{ApiKey}}","secretKey":"{{Secret}}"}""");
        if (OperatingSystem.IsWindows())
        {
            return; // no Unix modes to refuse
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (exit, output, error) = Run([], "live", "--symbols", "BTCUSDT", "--endpoint", "http://127.0.0.1:1", "--set", $"Venue:KeyFile={file}");
        Assert.Equal(ExitCodes.ConfigurationError, exit);
        Assert.Contains("chmod 600", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfigShow_NeverPrintsTheAlertWebhook()
    {
        var (exit, output, _) = Run([], "config", "show", "--set", "Alerts:WebhookUrl=https://hooks.example/T0KEN-abc123");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain("T0KEN-abc123", output, StringComparison.Ordinal);
        Assert.Contains("Alerts:WebhookUrl", output, StringComparison.Ordinal);
        Assert.Contains("Venue:Environment", output, StringComparison.Ordinal);
        Assert.Contains("Testnet", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountInHedgeMode_RefusesToStart_WithExitCode6_AndSendsNoOrder()
    {
        await using TradingHarness h = await TradingHarness.StartAsync();
        var (status, _) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/positionSide/dual", "dualSidePosition=true");
        Assert.Equal(200, status);
        string run = Path.Combine(_dir, "run");
        var (exit, output, error) = Run([new("BINANCE_API_KEY", TradingHarness.ApiKey), new("BINANCE_API_SECRET", TradingHarness.Secret)],
            "live", "--symbols", "BTCUSDT", "--endpoint", h.Server.BaseAddress.ToString(), "--out", run);
        Assert.True(exit == ExitCodes.StartRefused, output + error);
        Assert.Contains("refusing to trade", error, StringComparison.Ordinal);
        Assert.Contains("hedge", error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(run));
        Assert.Equal(0, h.Exchange.Desk.OrdersAccepted);
    }

    /// <summary>
    /// A whole live run on the sim's tape with the latency probe (a resting limit on every 15th trade, cancelled once
    /// accepted): the orders reach the sim's desk and every one of them is cancelled by the end (the probe's own cancels,
    /// and the stop's for any still resting), the report has the live-trading section with the gateway's and the
    /// reconciliation's figures, and no file of the run directory, nor the console, holds the key or the secret.
    /// </summary>
    [Fact]
    public async Task Live_OnTheSim_TradesTheProbe_CancelsEveryEntryByTheStop_AndWritesNoSecret()
    {
        var exchange = new SimExchange(new SimOptions { LingerSeconds = 0, Speed = 3 }, PaperOnSim.SampleSlice(30_000))
        {
            Accounts = SimAccounts.Parse($$$"""{"accounts":[{"apiKey":"{{{ApiKey}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"100000"}}]}"""),
        };
        await using SimServer sim = await SimServer.StartAsync(exchange);
        string run = Path.Combine(_dir, "live");
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var context = new CommandContext(TextWriter.Synchronized(output), TextWriter.Synchronized(error), () => "the test", Interactive: false, stop.Token) { Environment = Keys };
        Task<int> live = Task.Run(() => Engine.Cli.Program.Run(["live", "--symbols", "BTCUSDT", "--endpoint", sim.BaseAddress.ToString(),
            "--config", CliHarness.SampleConfig, "--out", run, .. CliHarness.Unpinned,
            "--set", "Run:Signal=LatencyProbe", "--set", "Probe:EveryTrades=15", "--set", "Binance:FeedTickSafetyMarginMs=3000",
            "--set", "EventJournal:DurableBeforeOrders=true"], context));

        bool played = Deadline.WaitUntil(() => live.IsCompleted || (sim.Exchange.TapeEnded.IsCompleted && sim.Exchange.Desk.OrdersAccepted > 2), Wait);
        await stop.CancelAsync();
        int exit = await live.WaitAsync(Wait);
        string console = error.ToString() + output.ToString();
        Assert.True(played, $"the tape did not play with orders: {sim.Exchange.Desk.OrdersAccepted} accepted; {console}");
        Assert.True(exit == ExitCodes.Ok, console);

        SimTradingDesk desk = sim.Exchange.Desk;
        Assert.True(desk.OrdersAccepted > 2, console);
        Assert.Equal(desk.OrdersAccepted, desk.OrdersCanceled); // nothing left resting at the venue
        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("## Live trading", report, StringComparison.Ordinal);
        Assert.Contains("## Start-up reconciliation", report, StringComparison.Ordinal);
        Assert.Contains("| tick to order", report, StringComparison.Ordinal);
        Assert.Contains("Venue: Custom", report, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "reconcile.log")));
        // EventJournal:DurableBeforeOrders: every request the gateway sent waited for the journal first, and none in vain.
        string gatewayLine = report.Split('\n').First(l => l.StartsWith("- Gateway: ", StringComparison.Ordinal));
        long requests = long.Parse(gatewayLine.Split(' ')[2], CultureInfo.InvariantCulture);
        Assert.True(requests >= desk.OrdersAccepted + desk.OrdersCanceled, gatewayLine);
        string journalLine = report.Split('\n').FirstOrDefault(l => l.StartsWith("- Journal before orders", StringComparison.Ordinal)) ?? "(no journal line)";
        Assert.True(journalLine == $"- Journal before orders (EventJournal:DurableBeforeOrders): {requests} order requests waited for the event journal, 0 waits failed",
            $"{journalLine} | {gatewayLine}");

        foreach (string file in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            Assert.True(IndexOf(bytes, Secret) < 0, $"{file} holds the secret");
            Assert.True(IndexOf(bytes, ApiKey) < 0, $"{file} holds the API key");
        }

        Assert.DoesNotContain(Secret, console, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, console, StringComparison.Ordinal);
    }

    /// <summary>A feed that faults when told to stop: the run still stops, cancels, reports, and names the fault.</summary>
    [Fact]
    public async Task AFeedThatFailsToStop_DoesNotHangTheStop_AndIsNamedInTheReport()
    {
        await using TradingHarness h = await TradingHarness.StartAsync();
        string run = Path.Combine(_dir, "run");
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(TextWriter.Synchronized(output), TextWriter.Synchronized(error), () => null, Interactive: false, CancellationToken.None)
        {
            Environment = [new("BINANCE_API_KEY", TradingHarness.ApiKey), new("BINANCE_API_SECRET", TradingHarness.Secret)],
            PaperFeed = _ => new FailingToStopFeed(),
        };
        int exit = await Task.Run(() => Engine.Cli.Program.Run(["live", "--symbols", "BTCUSDT", "--endpoint", h.Server.BaseAddress.ToString(),
            "--out", run, "--duration", "2s", .. CliHarness.Unpinned], context));
        Assert.True(exit == ExitCodes.Ok, error.ToString() + output);
        Assert.Contains("the feed's own fault", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);
    }

    private sealed class FailingToStopFeed : Engine.Cli.Run.IPaperFeed
    {
        public Task StartAsync(CancellationToken stop) => Task.CompletedTask;

        public Task StopAsync() => Task.FromException(new InvalidOperationException("the feed's own fault"));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Engine.Cli.Run.FeedFigures Figures() => new();
    }

    private static int IndexOf(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle));
}
