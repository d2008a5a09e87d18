using System.Globalization;
using System.Text.Json;
using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Run;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Sim.Trading;
using Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Engine.Tests.Cli.Live;

/// <summary>
/// Issue 17's trading proof: <c>engine live</c> with DeltaScout (the sample's wide-open settings) trades the bundled six
/// minutes on the sim at ×20: entries at market, the stop-loss through the Algo Service and the take-profits as
/// reduce-only limits, the stop moved and resized as the take-profits fill (break-even after the first, trailing after
/// the second), exits by the trailing stop. The journal's fills
/// are the venue's fills, one for one (side, price, quantity, commission, maker), its realised PnL is the venue's, and
/// at the stop the position the fills leave is the sim's, protected by a stop at the venue when it is not flat.
/// </summary>
[Collection(nameof(WholeEngineRuns))]
public sealed class LiveTradingTests : IDisposable
{
    private const string ApiKey = "LIVETRADEkeyMn4Bv6Cx8Za1Sd3Fg5Hj7Kl9";
    private const string Secret = "LIVETRADEsecretQw2Er4Ty6Ui8Op0As1Df3";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-live-trading-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task DeltaScout_OnTheSim_TheJournalsFillsAndPnlAreTheVenues()
    {
        string run = Path.Combine(_dir, "live");
        // Take-profits at 0.5 R and 1 R and a 30-tick trail: on this tape every position reaches its second take-profit and
        // ends on the trailing stop (a paper replay of the sample with the same settings: three positions, three trailing exits).
        await using LiveOnSim live = await LiveOnSim.StartAsync(speed: 20, usdt: "10000", run,
            "--set", "Executor:TakeProfit1R=0.5", "--set", "Executor:TakeProfit2R=1", "--set", "Executor:TrailingDistanceTicks=30", "--set", "Executor:TrailingStepTicks=5");
        bool played = Deadline.WaitUntil(() => live.Run.IsCompleted || live.Exchange.TapeEnded.IsCompleted, Wait);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the last reports of the tape's end
        int exit = await live.StopAsync();
        string console = live.Console;
        Assert.True(played && exit == ExitCodes.Ok, console);

        // The venue's record, asked as any client would.
        using var http = new HttpClient { BaseAddress = live.Sim.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        JsonElement trades = await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v1/userTrades", "symbol=BTCUSDT&limit=1000");
        (List<string> venueFills, decimal venueRealized) = Fills.OfVenue(trades);
        (List<string> journalFills, decimal net, decimal journalRealized) = Fills.OfJournal(run);
        var roles = new Dictionary<string, int>(StringComparer.Ordinal);
        int trailingExits = 0;
        using (var db = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            using SqliteCommand orders = db.CreateCommand();
            orders.CommandText = "SELECT role || ' ' || status, COUNT(*) FROM orders GROUP BY role, status";
            using (SqliteDataReader o = orders.ExecuteReader())
            {
                while (o.Read())
                {
                    roles[o.GetString(0)] = o.GetInt32(1);
                }
            }

            // A trailing exit: a filled stop more than a tick (0.1) on the profit side of its position's average entry (a
            // break-even stop is the entry rounded to the tick; the trail's first move is 5 ticks past it).
            using SqliteCommand stops = db.CreateCommand();
            stops.CommandText = "SELECT o.stop_price, p.entry_price, p.side FROM orders o JOIN positions p ON o.time_ms >= p.opened_ms AND o.updated_ms <= p.closed_ms " +
                "WHERE o.role = 'StopLoss' AND o.status = 'Filled' AND p.exit_reason = 'StopLoss'";
            using SqliteDataReader t = stops.ExecuteReader();
            while (t.Read())
            {
                decimal stop = decimal.Parse(t.GetString(0), CultureInfo.InvariantCulture);
                decimal entry = decimal.Parse(t.GetString(1), CultureInfo.InvariantCulture);
                trailingExits += (t.GetString(2) == "Long" ? stop - entry : entry - stop) > 0.1m ? 1 : 0;
            }
        }

        string summary = $"roles {string.Join(", ", roles.Select(p => $"{p.Key} {p.Value}"))}; {console}";
        Assert.True(roles.GetValueOrDefault("Entry Filled") >= 1, summary);
        Assert.True(roles.GetValueOrDefault("TakeProfit1 Filled") >= 1, summary);
        Assert.True(roles.GetValueOrDefault("TakeProfit2 Filled") >= 1, summary);
        Assert.True(roles.GetValueOrDefault("StopLoss Canceled") >= 1, summary);  // a stop moved or resized: cancelled and placed again
        Assert.True(trailingExits >= 1, $"no trailing exit; {summary}");
        Assert.True(venueFills.Count >= 5, summary);
        Assert.Equal(venueFills.Order(StringComparer.Ordinal), journalFills.Order(StringComparer.Ordinal));
        Assert.Equal(venueRealized, journalRealized, 6);

        // What the fills leave is the venue's position; an open one is protected at the venue.
        JsonElement positions = await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        decimal venuePosition = positions.EnumerateArray().Sum(p => Fills.D(p, "positionAmt"));
        Assert.Equal(venuePosition, net);
        JsonElement algo = await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT");
        if (venuePosition != 0)
        {
            Assert.True(algo.EnumerateArray().Any(a => a.GetProperty("orderType").GetString() == "STOP_MARKET"),
                $"position {venuePosition} open at the venue without a stop; open algo orders {algo}; {summary}; {OrdersOf(run)}");
        }

        JsonElement open = await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        Assert.Equal(0, open.GetArrayLength()); // no entry left working after the stop
    }

    /// <summary>
    /// Issue 17: <c>engine ctl flatten</c> during an open position with its stop and take-profits working at the venue
    /// (set far away, so nothing but the flatten closes it) leaves the sim's account flat with no open order and no open
    /// algo order, and the journal records the position closed by a flatten and the engine HALTED.
    /// </summary>
    [Fact]
    public async Task CtlFlatten_DuringAnOpenPosition_LeavesTheVenueFlatWithNothingOpen_AndTheJournalSaysSo()
    {
        string run = Path.Combine(_dir, "flatten");
        await using LiveOnSim live = await LiveOnSim.StartAsync(speed: 10, usdt: "100000", run,
            "--set", "Risk:AtrMult=40", "--set", "Executor:TakeProfit1R=50", "--set", "Executor:TakeProfit2R=100");
        using var http = new HttpClient { BaseAddress = live.Sim.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // A position at the venue with its stop working there (the stop follows the entry's first fill report).
        bool opened = await WaitAsync(async () => live.Run.IsCompleted
            || (await PositionAsync(http) != 0
                && (await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT")).EnumerateArray()
                    .Any(a => a.GetProperty("orderType").GetString() == "STOP_MARKET")));
        Assert.True(opened && !live.Run.IsCompleted, $"no protected position opened: {live.Console}");

        var (ctlExit, ctlOutput, ctlError) = CliHarness.Run("ctl", run, "flatten");
        Assert.True(ctlExit == ExitCodes.Ok, ctlOutput + ctlError);
        bool flat = await WaitAsync(async () =>
            await PositionAsync(http) == 0
            && (await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v1/openOrders", "symbol=BTCUSDT")).GetArrayLength() == 0
            && (await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v1/openAlgoOrders", "symbol=BTCUSDT")).GetArrayLength() == 0);
        int exit = await live.StopAsync();
        Assert.True(flat, $"the venue is not flat with nothing open after the flatten: {ctlOutput}");
        Assert.True(exit == ExitCodes.Ok, live.Console);

        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using SqliteCommand positions = db.CreateCommand();
        positions.CommandText = "SELECT exit_reason FROM positions";
        var reasons = new List<string>();
        using (SqliteDataReader r = positions.ExecuteReader())
        {
            while (r.Read())
            {
                reasons.Add(r.GetString(0));
            }
        }

        Assert.Equal("Flatten", Assert.Single(reasons));
        using SqliteCommand breaker = db.CreateCommand();
        breaker.CommandText = "SELECT state FROM breaker ORDER BY id DESC LIMIT 1";
        Assert.Equal("Halted", breaker.ExecuteScalar() as string);
    }

    // The journal's orders in time order, for a failure's message.
    private static string OrdersOf(string run)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(run, "journal.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using SqliteCommand c = db.CreateCommand();
        c.CommandText = "SELECT * FROM orders ORDER BY time_ms";
        using SqliteDataReader r = c.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            rows.Add(string.Join(" ", Enumerable.Range(0, r.FieldCount).Select(i => $"{r.GetName(i)}={r.GetValue(i)}")));
        }

        return "journal orders:\n" + string.Join("\n", rows);
    }

    /// <summary><c>engine live</c> through the command against a sim playing the bundled sample, with the test's account.</summary>
    private sealed class LiveOnSim : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly StringWriter _output = new();
        private readonly StringWriter _error = new();

        private LiveOnSim(SimServer sim) => Sim = sim;

        public SimServer Sim { get; }

        public SimExchange Exchange => Sim.Exchange;

        public Task<int> Run { get; private set; } = Task.FromResult(0);

        public string Console => _error.ToString() + _output.ToString();

        public static async Task<LiveOnSim> StartAsync(double speed, string usdt, string run, params string[] extra)
        {
            SimTape tape = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputDetector.Detect(CliHarness.SampleTrades))], "BTCUSDT", false, 1000);
            var exchange = new SimExchange(new SimOptions { Speed = speed, LingerSeconds = 3600 }, tape, null)
            {
                Accounts = SimAccounts.Parse($$$"""{"accounts":[{"apiKey":"{{{ApiKey}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"{{{usdt}}}"}}]}"""),
            };
            var live = new LiveOnSim(await SimServer.StartAsync(exchange));
            var context = new CommandContext(TextWriter.Synchronized(live._output), TextWriter.Synchronized(live._error), () => "the test", Interactive: false, live._stop.Token)
            {
                Environment = [new("BINANCE_API_KEY", ApiKey), new("BINANCE_API_SECRET", Secret)],
            };
            string[] args = ["live", "--symbols", "BTCUSDT", "--endpoint", live.Sim.BaseAddress.ToString(), "--config", CliHarness.SampleConfig,
                "--out", run, .. CliHarness.Unpinned, "--set", "Binance:FeedTickSafetyMarginMs=3000", .. extra];
            live.Run = Task.Run(() => Engine.Cli.Program.Run(args, context));
            return live;
        }

        /// <summary>Stops the run as Ctrl-C does and returns its exit code.</summary>
        public async Task<int> StopAsync()
        {
            await _stop.CancelAsync();
            return await Run.WaitAsync(Wait);
        }

        public async ValueTask DisposeAsync()
        {
            if (!Run.IsCompleted)
            {
                await StopAsync();
            }

            _stop.Dispose();
            await Sim.DisposeAsync();
        }
    }

    private static async Task<decimal> PositionAsync(HttpClient http)
    {
        JsonElement positions = await SimRest.SignedGetAsync(http, ApiKey, Secret, "/fapi/v2/positionRisk", "symbol=BTCUSDT");
        return positions.EnumerateArray().Sum(p => Fills.D(p, "positionAmt"));
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition)
    {
        DateTime end = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < end)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
