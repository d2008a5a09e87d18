using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Run;
using Engine.EventLog;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Sim.Trading;
using Engine.Tests.Support;
using Xunit.Abstractions;

namespace Engine.Tests.Cli.Live;

/// <summary>
/// Issue 18's kill test on <c>engine live</c>: the built engine as a child process trading the sim (in-process, the bundled
/// sample as tape) with the latency probe on every 20th trade, SIGKILLed at random points (after a seeded random amount of
/// journal growth; snapshots every second) and restarted each time with <c>--resume</c>, which rebuilds from the journal
/// and reconciles with the venue before the feed starts. Each resume must rebuild the state the whole journal gives (the
/// resume compares them and says when they differ). At the end a clean stop, and then the venue must agree with the
/// engine: no order open, no order refused (a second submission of a client order id is refused by the venue with
/// -4116, so none happened); in Cancel mode (resting limits) every accepted order cancelled and no position; in Close
/// mode (market orders closed at market) every fill the venue made in the journal exactly once, the same realised PnL,
/// and the venue's position the one the journal's fills leave, with its stop at the venue when open. The seed is printed
/// on failure; <c>ENGINE_KILL_SEED</c>, <c>ENGINE_LIVE_KILL_POINTS</c> (default 3) and <c>ENGINE_KILL_SPEED</c>
/// (default 8) set them (scripts/kill-test.sh live runs 20 points in each mode).
/// </summary>
[Collection(nameof(WholeEngineRuns))]
public sealed class LiveKillTests(ITestOutputHelper log) : IDisposable
{
    private const string ApiKey = "LIVEKILLkeyAq3Ws5Ed7Rf9Tg1Yh2Uj4Ik6Ol8";
    private const string Secret = "LIVEKILLsecretZx1Cv3Bn5Mq7Wr9Ty2Ui4Op6";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-live-kill-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("ENGINE_KILL_KEEP") is not { Length: > 0 })
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>
    /// Cancel: resting limits, cancelled once accepted (kills between a send and its ack or cancel). Close: market orders
    /// closed at market once filled (kills with a position open and fills in flight).
    /// </summary>
    public static TheoryData<string> Modes() => new() { "Cancel", "Close" };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Live_KilledAtRandomPoints_ResumesAndReconciles_LeavingTheVenueAsTheEngineSaysIt(string mode)
    {
        int seed = ChildEngine.Setting("ENGINE_KILL_SEED", Random.Shared.Next());
        int points = ChildEngine.Setting("ENGINE_LIVE_KILL_POINTS", 3);
        double speed = ChildEngine.Setting("ENGINE_KILL_SPEED", 8);
        try
        {
            await KillAndResume(seed, points, speed, mode);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"live kill test, seed {seed} (ENGINE_KILL_SEED={seed} ENGINE_LIVE_KILL_POINTS={points} ENGINE_KILL_SPEED={speed} repeats it, probe mode {mode}): {e.Message}");
        }
    }

    private async Task KillAndResume(int seed, int points, double speed, string mode)
    {
        var random = new Random(seed);
        string run = Path.Combine(_dir, "run");
        string journal = Path.Combine(run, EventJournal.FileName);
        SimTape tape = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputDetector.Detect(CliHarness.SampleTrades))], "BTCUSDT", false, 1000);
        var exchange = new SimExchange(new SimOptions { Speed = speed, LingerSeconds = 3600 }, tape, null)
        {
            Accounts = SimAccounts.Parse($$$"""{"accounts":[{"apiKey":"{{{ApiKey}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"100000"}}]}"""),
        };
        await using SimServer venue = await SimServer.StartAsync(exchange);

        for (int kill = 0; kill <= points; kill++)
        {
            long before = File.Exists(journal) ? new FileInfo(journal).Length : 0;
            long growth = random.Next(2_000, 40_000);
            using Process live = Start(venue, run, mode);
            Task<string> errors = live.StandardError.ReadToEndAsync();
            Task<string> output = live.StandardOutput.ReadToEndAsync();
            bool grew = Deadline.WaitUntil(() => live.HasExited || (File.Exists(journal) && new FileInfo(journal).Length >= before + growth), Wait);
            if (!grew || live.HasExited)
            {
                Assert.Fail($"session {kill}: the journal did not grow by {growth} bytes (exited: {live.HasExited}); {await ChildEngine.Ended(live, errors, Wait)}");
            }

            if (kill < points)
            {
                live.Kill(); // SIGKILL: no cancel, no drain, no report; the venue keeps what was sent
            }
            else
            {
                ChildEngine.Signal(live, "TERM");
            }

            await live.WaitForExitAsync().WaitAsync(Wait);
            string said = await errors;
            string printed = await output;
            long length = new FileInfo(journal).Length;
            log.WriteLine($"session {kill}: {(kill < points ? "SIGKILL" : "SIGTERM")} after {length - before:N0} bytes of journal, exit {live.ExitCode}, venue {exchange.Desk.OrdersAccepted} accepted / {exchange.Desk.OrdersCanceled} cancelled / {exchange.Desk.OrdersRejected} refused; {Lines(said + printed)}");
            if (kill > 0)
            {
                Assert.Contains("engine: resumed at journal position", said, StringComparison.Ordinal);
                Assert.DoesNotContain("differs", said, StringComparison.Ordinal);
            }

            if (kill == points)
            {
                Assert.True(live.ExitCode == ExitCodes.Ok, $"the clean stop exited {live.ExitCode}: {said}");
            }
        }

        // The venue after the clean stop, asked as any client would.
        using var http = new HttpClient { BaseAddress = venue.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        JsonElement open = await SignedGet(http, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(0, open.GetArrayLength());
        JsonElement trades = await SignedGet(http, "/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1000");
        await KeepVenueFills(http, trades); // for a post-mortem with ENGINE_KILL_KEEP=1
        JsonElement positions = await SignedGet(http, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        decimal venuePosition = positions.EnumerateArray().Sum(p => Fills.D(p, "positionAmt"));
        SimTradingDesk desk = exchange.Desk;
        Assert.True(desk.OrdersAccepted > points, $"{desk.OrdersAccepted} orders accepted over {points + 1} sessions");
        Assert.Equal(0, desk.OrdersRejected); // no client order id twice (-4116), nothing refused
        JsonElement algo = await SignedGet(http, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        if (venuePosition == 0)
        {
            // A stop left at the venue for a closed position would close the next position on that side at a price nobody chose.
            Assert.True(algo.GetArrayLength() == 0, $"conditional orders open at the venue with no position: {algo}");
        }

        string report = File.ReadAllText(Path.Combine(run, "report.md"));
        Assert.Contains("## Start-up reconciliation", report, StringComparison.Ordinal);
        Assert.DoesNotContain("stop: not settled", report, StringComparison.Ordinal); // the resumed session's stop saw every answer
        if (mode == "Cancel")
        {
            Assert.Equal(0m, venuePosition);
            Assert.Equal(desk.OrdersAccepted, desk.OrdersCanceled);
            log.WriteLine($"seed {seed}: {points} kills; venue: {desk.OrdersAccepted} orders accepted, all cancelled, none refused, no position, no open order");
            return;
        }

        // Close: every fill the venue made is in the journal once (none lost while down, none twice after a resume), and
        // the position the fills leave is the venue's, protected there when it is open.
        (List<string> venueFills, decimal venueRealized) = Fills.OfVenue(trades);
        (List<string> journalFills, decimal net, decimal journalRealized) = Fills.OfJournal(run);
        Assert.True(venueFills.Count > points, $"{venueFills.Count} fills over {points + 1} sessions");
        Assert.Equal(venueFills.Order(StringComparer.Ordinal), journalFills.Order(StringComparer.Ordinal));
        Assert.Equal(venueRealized, journalRealized, 6);
        Assert.Equal(venuePosition, net);
        if (venuePosition != 0)
        {
            Assert.Contains(algo.EnumerateArray(), a => a.GetProperty("orderType").GetString() == "STOP_MARKET");
        }

        log.WriteLine($"seed {seed}: {points} kills; venue: {desk.OrdersAccepted} orders, {venueFills.Count} fills, each in the journal once; position {venuePosition} as the journal's; none refused");
    }

    /// <summary>The venue's fills, each with its order's client id and status, beside the run directory.</summary>
    private async Task KeepVenueFills(HttpClient http, JsonElement trades)
    {
        var lines = new List<string>();
        var orders = new Dictionary<long, string>();
        foreach (JsonElement t in trades.EnumerateArray())
        {
            long orderId = t.GetProperty("orderId").GetInt64();
            if (!orders.TryGetValue(orderId, out string? order))
            {
                JsonElement o = await SignedGet(http, "/fapi/v1/order", string.Create(CultureInfo.InvariantCulture, $"symbol=BTCUSDT&orderId={orderId}"));
                order = $"{o.GetProperty("clientOrderId").GetString()} {o.GetProperty("type").GetString()} {o.GetProperty("status").GetString()}";
                orders[orderId] = order;
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{t.GetProperty("id").GetInt64()} {t.GetProperty("time").GetInt64()} order {orderId} {order} {t.GetProperty("side").GetString()} {t.GetProperty("price").GetString()} x {t.GetProperty("qty").GetString()}"));
        }

        await File.WriteAllLinesAsync(Path.Combine(_dir, "venue-fills.txt"), lines);
    }

    private static Task<JsonElement> SignedGet(HttpClient http, string path, string parameters) =>
        SimRest.SignedGetAsync(http, ApiKey, Secret, path, parameters);

    private static string Lines(string text) => string.Join(" | ", text.Split('\n')
        .Where(l => l.StartsWith("engine: ", StringComparison.Ordinal) && !l.Contains("did not stop cleanly", StringComparison.Ordinal)));

    private static Process Start(SimServer venue, string run, string mode) => ChildEngine.Start(
        [
            "live", "--symbols", "BTCUSDT", "--endpoint", venue.BaseAddress.ToString(),
            "--resume", run, "--config", CliHarness.SampleConfig, "--set", "EventJournal:SnapshotIntervalSeconds=1",
            "--set", "Run:Signal=LatencyProbe", "--set", "Probe:EveryTrades=20", "--set", $"Probe:Mode={mode}", "--set", "Binance:FeedTickSafetyMarginMs=3000", .. CliHarness.Unpinned,
        ],
        new Dictionary<string, string> { ["BINANCE_API_KEY"] = ApiKey, ["BINANCE_API_SECRET"] = Secret });
}
