using System.Globalization;
using System.Text.Json;
using Engine.Cli;
using Engine.Tests.Cli.Journal;

namespace Engine.Tests.Cli.Run;

/// <summary>
/// The OMS is the one place PnL is accounted (issue #12): a scripted replay whose fills, fees and PnL are worked out by
/// hand below, and every place a run shows money (journal.db's fills and positions, summary.json, report.md, the
/// verdict line, the last status line) shows those same figures.
/// </summary>
public sealed class PnlAgreementTests : IDisposable
{
    // Five closed one-minute rows (aggregated.csv, contracts §1), the bar fill model. The same path as
    // WholeChainScriptTests, here through the command, the rings and the journal thread:
    // row 1: DeltaScout PEAK long at 101; row ATR(1) = 2, stop distance 2 × 2 = 4; risk 10000 × 1% = 100 → 25 BTC.
    // row 2: the market entry fills at the row's AvgPrice 102: fee 25 × 102 × 0.0005 (taker) = 1.275.
    //        Exits: stop 98, TP1 (1R) 106 for 8.333, TP2 (2R) 110.
    // row 3: high 106.5 fills TP1: 8.333 at 106, fee 883.298 × 0.0002 (maker) = 0.1766596; realised (106 − 102) × 8.333
    //        = 33.332; the stop moves to break-even 102.
    // row 4: low 101.5 fills the stop: 16.667 at 102, fee 1700.034 × 0.0005 = 0.850017; realised 0.
    // Orders: entry, stop, TP1, TP2 and the break-even stop = 5.
    // Round trip: realised 33.332, fees 1.275 + 0.1766596 + 0.850017 = 2.3016766, net 31.0303234.
    private const string Rows = """
        Timestamp,Trades,TotalQty,AvgSize,BuyQty,SellQty,AvgPrice,ClosePrice,HiPrice,LowPrice
        2024-08-09T00:00:00Z,10,10,1,6,4,100,100,100.5,99.5
        2024-08-09T00:01:00Z,10,12,1.2,9,3,101,101.5,102,100.5
        2024-08-09T00:02:00Z,10,10,1,5,5,102,102.5,103,101.8
        2024-08-09T00:03:00Z,10,10,1,5,5,105,105,106.5,103.5
        2024-08-09T00:04:00Z,10,10,1,5,5,102.5,102,103,101.5

        """;

    private const string Config = """
        {
          "Run": { "IntervalSeconds": 60 },
          "Symbol": { "Name": "BTCUSDT", "TickSize": 0.1, "StepSize": 0.001, "MinQty": 0.001, "MinNotional": 5, "BarSize": 10 },
          "DeltaScout": { "CHOP30_MAX": 1000, "COH10_MIN": 0, "IMB_MIN": 0, "IMB_MAX": 1 },
          "VolumeSignal": { "AtrPeriod": 1 }
        }
        """;

    private const decimal Realised = 33.332m;
    private const decimal Fees = 2.3016766m;
    private const decimal Net = 31.0303234m;

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-pnl-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static decimal Dec(object? text) => decimal.Parse((string)text!, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void ScriptedRun_JournalSummaryReportAndStatusLine_ShowTheHandComputedPnlAndFees()
    {
        string input = Path.Combine(_dir, "aggregated-in.csv");
        string config = Path.Combine(_dir, "config.json");
        string run = Path.Combine(_dir, "run");
        File.WriteAllText(input, Rows);
        File.WriteAllText(config, Config);

        var (exit, output, error) = CliHarness.Run(["replay", input, "--config", config, "--out", run, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible,
            "--set", "Runtime:StatusIntervalSeconds=0.2"]);
        Assert.True(exit == ExitCodes.Ok, error);

        // journal.db: each fill's realised PnL and fee as the OMS booked them, and the closed position.
        string db = Path.Combine(run, "journal.db");
        List<object?[]> fills = JournaledRun.Query(db, "SELECT quantity, price, fee, realized_pnl FROM fills ORDER BY id");
        Assert.Equal(
            [("25", "102", 1.275m, 0m), ("8.333", "106", 0.1766596m, 33.332m), ("16.667", "102", 0.850017m, 0m)],
            fills.Select(f => ((string)f[0]!, (string)f[1]!, Dec(f[2]), Dec(f[3]))).ToList());
        object?[] position = Assert.Single(JournaledRun.Query(db, "SELECT realized_pnl, fees, exit_reason FROM positions"));
        Assert.Equal((Realised, Fees, "StopLoss"), (Dec(position[0]), Dec(position[1]), (string)position[2]!));

        // summary.json, exact.
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        JsonElement s = summary.RootElement;
        Assert.Equal(Realised, s.GetProperty("realizedPnl").GetDecimal());
        Assert.Equal(Fees, s.GetProperty("feesPaid").GetDecimal());
        Assert.Equal(Net, s.GetProperty("netPnl").GetDecimal());
        Assert.Equal(3, s.GetProperty("fills").GetInt64());
        Assert.Equal(1, s.GetProperty("positionsClosed").GetInt64());

        // report.md and the verdict line, to the cent.
        Assert.Contains("| 1 | 1 | 5 | 3 | 1 | 1 | 33.33 | 2.30 | 31.03 |", File.ReadAllText(Path.Combine(run, "report.md")), StringComparison.Ordinal);
        Assert.Contains("net PnL 31.03 (realized 33.33, fees 2.30)", output, StringComparison.Ordinal);

        // The last status line: 1 signal, 5 orders, 2 cancels (the first stop when the break-even one replaced it, and
        // TP2 when the position went flat), 3 fills, net 31.03.
        Assert.Equal(2, s.GetProperty("cancels").GetInt64());
        Assert.Equal((1L, 5L, 2L, 3L, 31.03m), StatusSummaryAgreementTests.LastStatusLine(output));
    }
}
