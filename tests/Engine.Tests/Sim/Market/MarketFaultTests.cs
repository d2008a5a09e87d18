using System.Net;
using System.Text;
using System.Text.Json;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Market;

namespace Engine.Tests.Sim.Market;

/// <summary>Each market fault, seen by a scripted client over loopback, and counted in what the report lists.</summary>
public sealed class MarketFaultTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static SimFaults Market(Action<MarketFaults> set)
    {
        var faults = new SimFaults();
        set(faults.Market);
        return faults;
    }

    [Fact]
    public async Task SkipEverySeconds_OmitsRunsOfAggTrades_ThatTheRestBackfillReturnsExactly()
    {
        // 40 BTCUSDT aggregates over 2 s of tape; a run of 3 omitted every 0.5 s.
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), Market(m => { m.SkipEverySeconds = 0.5; m.SkipCount = 3; }), o => o.Speed = 4);
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws/btcusdt@aggTrade");
        var received = new List<long>();
        while (received.LastOrDefault() != 40)
        {
            string? m = await client.ReceiveAsync(Wait);
            Assert.True(m is not null, MarketTapes.Diagnose(server));
            received.Add(MarketClient.Data(m).GetProperty("a").GetInt64());
        }

        // The last aggregate (40) is never skipped here: the skips fall at tape +0.5, +1.0 and +1.5 s (ids 11-13, 21-23, 31-33).
        // The client finds the gaps in a and backfills each with fromId.
        var backfilled = new List<long>();
        using var http = new HttpClient();
        for (int i = 1; i < received.Count; i++)
        {
            long missing = received[i] - received[i - 1] - 1;
            if (missing > 0)
            {
                string body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{server.Port}/fapi/v1/aggTrades?symbol=BTCUSDT&fromId={received[i - 1] + 1}&limit={missing}"));
                backfilled.AddRange(JsonDocument.Parse(body).RootElement.EnumerateArray().Select(a => a.GetProperty("a").GetInt64()));
            }
        }

        long[] skipped = [.. server.Exchange.MarketSide!.Player.SkippedAggregates.Where(s => s.Symbol == "BTCUSDT").Select(s => s.Id)];
        Assert.NotEmpty(skipped);
        Assert.Equal(skipped, backfilled);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), received.Concat(backfilled).Order());
        Assert.Equal(server.Exchange.MarketSide.Player.SkippedAggregates.Count, server.Exchange.FaultsInjected[MarketPlayer.Skip]);
    }

    [Fact]
    public async Task DisconnectEverySeconds_DropsEveryMarketSocket_AndCountsEach()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), Market(m => m.DisconnectEverySeconds = 1), o => o.Speed = 1);
        await using MarketClient a = await MarketClient.ConnectAsync(server, "/market/ws/btcusdt@aggTrade");
        await using MarketClient b = await MarketClient.ConnectAsync(server, "/market/stream?streams=ethusdt@trade");
        List<string> toA = await a.ReceiveAllAsync(Wait);
        List<string> toB = await b.ReceiveAllAsync(Wait);

        // Both were dropped (no close frame) about one tape second in, before the tape's 40th trade.
        Assert.InRange(toA.Count, 1, 39);
        Assert.InRange(toB.Count, 1, 39);
        Assert.Null(a.Socket.CloseStatus);
        Assert.True(server.Exchange.FaultsInjected[MarketPlayer.Disconnect] == 2, MarketTapes.Diagnose(server));
    }

    [Fact]
    public async Task DuplicateRate_SendsFramesTwice_AsManyTimesAsCounted()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), Market(m => m.DuplicateRate = 0.3), o => o.Speed = 20);
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/stream?streams=btcusdt@aggTrade");
        var ids = new List<long>();
        while (ids.LastOrDefault() != 40)
        {
            string? m = await client.ReceiveAsync(Wait);
            Assert.True(m is not null, MarketTapes.Diagnose(server));
            ids.Add(MarketClient.Data(m).GetProperty("a").GetInt64());
        }

        ids.AddRange((await client.ReceiveAllAsync(TimeSpan.FromMilliseconds(500))).Select(m => MarketClient.Data(m).GetProperty("a").GetInt64()));

        await server.Exchange.TapeEnded.WaitAsync(Wait);
        int duplicates = ids.Count - ids.Distinct().Count();
        Assert.True(duplicates > 0);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), ids.Distinct());
        Assert.Equal(duplicates, server.Exchange.FaultsInjected[MarketPlayer.Duplicate]);
    }

    [Fact]
    public async Task StallMs_HoldsTheStream_ThenItResumes()
    {
        // The whole 2 s tape plays in 0.1 s of wall time at ×20. The stall at tape +1 s holds every later frame for
        // 700 ms, so the last frame cannot arrive sooner than 700 ms after the client connected (a lower bound only:
        // load can make it later, never earlier).
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), Market(m => { m.StallMs = 700; m.StallEverySeconds = 1; }), o => o.Speed = 20);
        long connecting = System.Diagnostics.Stopwatch.GetTimestamp();
        await using MarketClient client = await MarketClient.ConnectAsync(server, "/market/stream?streams=btcusdt@aggTrade");
        long last = 0;
        var ids = new List<long>();
        while (ids.LastOrDefault() != 40)
        {
            string? m = await client.ReceiveAsync(Wait);
            Assert.True(m is not null, MarketTapes.Diagnose(server));
            ids.Add(MarketClient.Data(m).GetProperty("a").GetInt64());
            last = System.Diagnostics.Stopwatch.GetTimestamp();
        }

        await server.Exchange.TapeEnded.WaitAsync(Wait);
        double elapsedMs = (last - connecting) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        Assert.True(elapsedMs >= 700, $"the last frame came {elapsedMs:F0} ms after connecting");
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), ids); // held, not lost
        Assert.InRange(server.Exchange.FaultsInjected[MarketPlayer.Stall], 1, 2); // at tape +1 s, and at +2 s (the last mark) when the tape gets there
    }

    [Fact]
    public async Task AggTradesHttp5xxRate_AnswersTheBackfill503_AndCountsEach()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), Market(m => m.AggTradesHttp5xxRate = 1), o => o.NoWait = true);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var uri = new Uri("/fapi/v1/aggTrades?symbol=BTCUSDT&fromId=1&limit=5", UriKind.Relative);
        for (int i = 0; i < 3; i++)
        {
            HttpResponseMessage refused = await http.GetAsync(uri);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(-1008, JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        }

        Assert.Equal(3, server.Exchange.FaultsInjected[MarketEndpoints.AggTrades5xx]);
        server.Exchange.Faults.Market.AggTradesHttp5xxRate = 0;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(uri)).StatusCode);
        Assert.Equal(3, server.Exchange.FaultsInjected[MarketEndpoints.AggTrades5xx]);
    }

    [Fact]
    public async Task AdminEndpoint_ReadsAndReplacesSections_AndRejectsUnknownKeys()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var set = new StringContent("{\"Market\":{\"DuplicateRate\":1,\"StallMs\":5}}", Encoding.UTF8, "application/json");
        HttpResponseMessage posted = await http.PostAsync(new Uri("/admin/faults", UriKind.Relative), set);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(1, server.Exchange.Faults.Market.DuplicateRate);
        Assert.Equal(5, server.Exchange.Faults.Market.StallMs);

        using var typo = new StringContent("{\"Market\":{\"DuplicateRat\":0}}", Encoding.UTF8, "application/json");
        HttpResponseMessage rejected = await http.PostAsync(new Uri("/admin/faults", UriKind.Relative), typo);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains("DuplicateRat", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, server.Exchange.Faults.Market.DuplicateRate); // unchanged

        JsonElement current = JsonDocument.Parse(await http.GetStringAsync(new Uri("/admin/faults", UriKind.Relative))).RootElement;
        Assert.Equal(1, current.GetProperty("Market").GetProperty("DuplicateRate").GetDouble());
        Assert.Equal(0, current.GetProperty("Clock").GetProperty("SkewMs").GetInt64());
    }
}
