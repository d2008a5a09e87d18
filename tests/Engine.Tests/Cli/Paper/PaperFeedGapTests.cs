using Engine.Cli;
using Engine.Cli.Journal;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Market;
using Engine.Tests.Cli.Journal;
using Engine.Tests.Sim.Market;
using Engine.Tests.Support;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// A gap the backfill cannot fill (the sim omits a run of aggTrades and answers every <c>GET /fapi/v1/aggTrades</c>
/// 503) is never closed silently: the FeedGap reaches the engine, journal.db's <c>feed_gaps</c> holds exactly the ids
/// the sim omitted, the report names the symbol, the ids and the interval, and the verdict says the run is incomplete.
/// </summary>
public sealed class PaperFeedGapTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-paper-gap-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AGapRestCannotFill_IsJournaled_AndNamedInTheReport_WithTheIdsTheSimOmitted()
    {
        var faults = new SimFaults();
        faults.Market.SkipEverySeconds = 10;
        faults.Market.SkipCount = 3;
        faults.Market.AggTradesHttp5xxRate = 1; // the backfill never gets a page
        await using SimServer sim = await MarketTapes.Host(PaperOnSim.SampleSlice(18_000), faults, o => o.Speed = 10);
        MarketService market = sim.Exchange.MarketSide!;

        PaperOnSim paper = PaperOnSim.Start(sim, Path.Combine(_dir, "paper"), "--set", "Binance:FeedTickSafetyMarginMs=3000");
        bool done = Deadline.WaitUntil(() => paper.Ended || (sim.Exchange.TapeEnded.IsCompleted && paper.Figures is { GapsUnfilled: > 0 }), Wait);
        int exit = await paper.StopAsync(Wait);
        Assert.True(done, $"no unfillable gap: {MarketTapes.Diagnose(sim)}; feed {paper.Figures}; {paper.Console}");
        Assert.True(exit == ExitCodes.Ok, paper.Console);

        // The sim omitted one run (at tape second 10 of 18), ids a..a+2; nothing else went missing.
        long[] omitted = [.. market.Player.SkippedAggregates.Select(s => s.Id)];
        Assert.Equal(3, omitted.Length);
        Assert.Equal([omitted[0], omitted[0] + 1, omitted[0] + 2], omitted);
        AggRecord before = market.Store.Aggregates[0][omitted[0] - 2]; // ids are 1-based: id k is index k - 1
        AggRecord after = market.Store.Aggregates[0][omitted[2]];

        List<object?[]> gaps = JournaledRun.Query(paper.PathOf(RunJournal.DatabaseFileName), "SELECT symbol, from_id, to_id, from_time_ms, to_time_ms FROM feed_gaps");
        Assert.Equal(new object?[] { "BTCUSDT", omitted[0], omitted[2], before.TimeMs, after.TimeMs }, Assert.Single(gaps));

        string report = File.ReadAllText(paper.PathOf("report.md"));
        string interval = DateTimeOffset.FromUnixTimeMilliseconds(before.TimeMs - (before.TimeMs % 1000)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"BTCUSDT aggTrade ids {omitted[0]} to {omitted[2]} (3 missing)", report, StringComparison.Ordinal);
        Assert.Contains($"interval{(before.TimeMs / 1000 == after.TimeMs / 1000 ? "" : "s")} {interval}", report, StringComparison.Ordinal);
        Dictionary<string, long> feed = PaperOnSim.FeedRow(report);
        Assert.Equal((1L, 0L, 1L), (feed["Gaps found"], feed["Gaps filled"], feed["Gaps unfilled"]));
        Assert.Equal(sim.Exchange.FaultsInjected[MarketEndpoints.AggTrades5xx], feed["Backfill requests"]); // every one refused
        Assert.Contains("could not be backfilled", paper.Console, StringComparison.Ordinal);
    }
}
