using System.Globalization;
using System.Text;
using Engine.Cli;
using Engine.Cli.Commands;
using Engine.Cli.Run;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Market;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Market;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// Issue 16's proof, CI-sized: the in-process sim plays the first 60 s of the bundled real tape (BTCUSDT, 2024-08-08) at ×10 with
/// <c>Market:DisconnectEverySeconds</c> and <c>Market:SkipEverySeconds</c>; <c>engine paper</c> runs on it through the
/// command (Binance's feed, not a scripted one); its aggregated.csv, deltascout.log and bars.csv equal <c>engine
/// replay</c> of the same tape, every column, and its report counts the reconnects and backfill requests the sim
/// says it caused.
/// </summary>
/// <remarks>
/// The tape the client reads is the sim's aggTrade stream, so the replay reads the same aggregates as an aggTrade CSV
/// (written from the sim's own aggregate list): both count aggregates in <c>Trades</c> (docs/live-market-data.md,
/// "Equivalence with a replay"). At the tape's end paper's market clock closes the last interval once its end has
/// passed; a replay cannot know its input ended and leaves it open, so the replay's CSV carries one more aggregate
/// half a second into the next interval (a sentinel) that closes it, and paper's rows after it are empty intervals of
/// the quiet market that follows.
/// </remarks>
public sealed class PaperEquivalenceTests : IDisposable
{
    private const long TapeMs = 60_000;
    private const double Speed = 10;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-paper-equiv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(0, 6)] // skips only: every trade backfilled is one the sim omitted
    [InlineData(8, 6)] // drops and skips
    public async Task Paper_UnderFeedFaults_WritesWhatReplayOfTheSameTapeWrites(double disconnectEverySeconds, double skipEverySeconds)
    {
        var faults = new SimFaults();
        faults.Market.DisconnectEverySeconds = disconnectEverySeconds;
        faults.Market.SkipEverySeconds = skipEverySeconds;
        faults.Market.SkipCount = 4;
        await using SimServer sim = await MarketTapes.Host(PaperOnSim.SampleSlice(TapeMs), faults, o => o.Speed = Speed);
        MarketService market = sim.Exchange.MarketSide!;

        string tape = WriteAggTradeCsv(market, Path.Combine(_dir, "BTCUSDT-aggTrades.csv"));
        string replayDir = Path.Combine(_dir, "replay");
        var (replayExit, _, replayError) = CliHarness.Run(["replay", tape, "--symbol", "BTCUSDT", "--config", CliHarness.SampleConfig,
            "--out", replayDir, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(replayExit == ExitCodes.Ok, replayError);
        string[] replayRows = File.ReadAllLines(Path.Combine(replayDir, "aggregated.csv"));

        // A frame may reach the feed well over 250 ms after the one before it on this loaded 2-core machine (the sim, the feed
        // and the engine share it with the builds): the timer's margin is raised so no interval closes before its last trade.
        PaperOnSim paper = PaperOnSim.Start(sim, Path.Combine(_dir, "paper"), "--set", "Binance:FeedTickSafetyMarginMs=3000");

        // Done when the tape has played, paper has closed every interval the replay closed (the last one by its clock),
        // and every drop has been followed by a reconnect. (Once the tape has ended the stream is silent, and the feed's
        // watchdog replaces a connection silent for Market:StaleAfter (30 s): on a loaded machine that can add reconnects
        // of the client's own before paper has caught up, so the count is at least the drops, and exactly what the sim saw.)
        string paperAggregated = paper.PathOf("aggregated.csv");
        bool done = Deadline.WaitUntil(() =>
            paper.Ended
            || (sim.Exchange.TapeEnded.IsCompleted
                && paper.Figures is { } figures
                && figures.Reconnects + figures.ConnectFailures >= sim.Exchange.FaultsInjected[MarketPlayer.Disconnect]
                && PaperOnSim.LineCount(paperAggregated) >= replayRows.Length),
            Wait);
        int exit = await paper.StopAsync(Wait);
        Assert.True(done, $"paper did not catch up: {MarketTapes.Diagnose(sim)}; feed {paper.Figures}; {paper.Console}");
        Assert.True(exit == ExitCodes.Ok, paper.Console);

        // The outputs: replay's rows, then (paper only) the quiet market's empty intervals after the tape.
        string[] paperRows = File.ReadAllLines(paperAggregated);
        Assert.True(replayRows.Length > 30, $"the replay closed only {replayRows.Length - 1} intervals");
        string report = File.ReadAllText(paper.PathOf("report.md"));
        for (int i = 0; i < replayRows.Length; i++)
        {
            Assert.True(replayRows[i] == paperRows[i], $"row {i}: {replayRows[i]} != {paperRows[i]}; skipped {string.Join(",", market.Player.SkippedAggregates.Select(a => a.Id))}; {report}");
        }

        string lastClose = replayRows[^1].Split(',')[7];
        Assert.All(paperRows[replayRows.Length..], row => Assert.Equal(["0", "0", "0.0", "0", "0", lastClose, lastClose, lastClose, lastClose], row.Split(',')[1..])); // AvgSize of an empty interval is the float 0.0
        foreach (string file in new[] { "deltascout.log", "bars.csv" })
        {
            string expected = File.ReadAllText(Path.Combine(replayDir, file));
            Assert.True(expected.Split('\n').Length > 2, $"{file} of the replay holds less than two lines");
            Assert.Equal(expected, File.ReadAllText(paper.PathOf(file)));
        }

        // The report's feed figures against what the sim says it did.
        Dictionary<string, long> reported = PaperOnSim.FeedRow(report);
        long drops = sim.Exchange.FaultsInjected[MarketPlayer.Disconnect];
        IReadOnlyList<(string Symbol, long Id)> skipped = market.Player.SkippedAggregates;
        IReadOnlySet<long> served = market.BackfilledIds(0);
        Assert.True(skipped.Count > 0 && (disconnectEverySeconds == 0 || drops > 0), $"faults injected: {drops} drops, {skipped.Count} skipped");
        Assert.True(reported["Reconnects"] + reported["Connect failures"] >= drops, $"{drops} drops, report: {report}"); // every dropped socket replaced
        Assert.Equal(market.Hub.Opened - 1, reported["Reconnects"]); // every connection after the first, as the sim accepted them
        Assert.Equal(market.BackfillRequests, reported["Backfill requests"]);
        Assert.Equal((reported["Gaps found"], 0L), (reported["Gaps filled"], reported["Gaps unfilled"]));
        Assert.All(skipped, s => Assert.Contains(s.Id, served)); // every omitted id was fetched over REST
        // A backfill page may also carry trades whose live frames were still on their way: those are fed from REST and
        // their live copies dropped as duplicates (the sim sends none twice here), so backfilled − duplicates is what was lost.
        long lost = reported["Trades backfilled"] - reported["Duplicates dropped"];
        if (disconnectEverySeconds == 0)
        {
            Assert.Equal(skipped.Count, lost);
        }
        else
        {
            // Drops lose whatever was in flight too: at least the omitted ids, at most what REST answered.
            Assert.InRange(lost, skipped.Count, served.Count);
        }
    }

    /// <summary>
    /// The sim's aggregates of symbol 0 (what its @aggTrade stream and REST carry) as a data.binance.vision aggTrades CSV,
    /// plus the sentinel: one more aggregate 500 ms into the interval after the last one, so the replay closes it too.
    /// </summary>
    private static string WriteAggTradeCsv(MarketService market, string path)
    {
        AggRecord[] aggregates = market.Store.Aggregates[0];
        MarketSymbol symbol = market.Symbols[0];
        var csv = new StringBuilder("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n");
        foreach (AggRecord a in aggregates)
        {
            Append(csv, a, symbol);
        }

        AggRecord last = aggregates[^1];
        long sentinelMs = ((last.TimeMs / 1000) + 1) * 1000 + 500;
        Append(csv, last with { Id = last.Id + 1, QuantityE8 = 100_000, FirstId = last.LastId + 1, LastId = last.LastId + 1, TimeMs = sentinelMs }, symbol);
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static void Append(StringBuilder csv, AggRecord a, MarketSymbol symbol) => csv.Append(CultureInfo.InvariantCulture,
        $"{a.Id},{FrameWriter.DecimalText(a.PriceE8, symbol.PriceDecimals)},{FrameWriter.DecimalText(a.QuantityE8, symbol.QuantityDecimals)},{a.FirstId},{a.LastId},{a.TimeMs},{(a.BuyerIsMaker ? "true" : "false")}\n");
}
