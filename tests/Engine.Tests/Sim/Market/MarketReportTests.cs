using System.Net;
using System.Text;
using System.Text.Json;
using Engine.Sim;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.Market;

/// <summary>The market side's report (wire-to-wire histogram, frames served) and public REST under the weight limiter.</summary>
public sealed class MarketReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-market-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task OrdersAfterATradeFrame_AreTimedWireToWire_AndTheReportListsWhatWasServed()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols(), configure: o => o.Speed = 20);
        server.Exchange.RecordOrderReceived(System.Diagnostics.Stopwatch.GetTimestamp()); // before any frame: not timed
        await using (MarketClient client = await MarketClient.ConnectAsync(server, "/market/ws/btcusdt@trade"))
        {
            Assert.NotNull(await client.ReceiveAsync(TimeSpan.FromSeconds(20)));
            for (int i = 0; i < 3; i++)
            {
                server.Exchange.RecordOrderReceived(System.Diagnostics.Stopwatch.GetTimestamp());
            }

            await server.Exchange.TapeEnded.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(40, (await client.ReceiveAllAsync(TimeSpan.FromMilliseconds(300))).Count + 1);
        }

        SimReport.Write(_dir, server.Exchange);
        string hgrm = File.ReadAllText(Path.Combine(_dir, "wire-to-wire.hgrm"));
        Assert.Contains("Total count    =            3]", hgrm, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(_dir, "report.md"));
        Assert.Contains("| `btcusdt@trade` | 40 |", report, StringComparison.Ordinal);
        Assert.Contains("3 orders timed (1 arrived before any trade frame)", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicRest_IsChargedItsWeight_AndRefusedOverTheLimit()
    {
        await using SimServer server = await MarketTapes.Host(MarketStreamTests.TwoSymbols());
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var limit = new StringContent("{\"Limits\":{\"WeightPerMinute\":30}}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri("/admin/faults", UriKind.Relative), limit)).StatusCode);

        HttpResponseMessage first = await http.GetAsync(new Uri("/fapi/v1/aggTrades?symbol=BTCUSDT", UriKind.Relative)); // weight 20
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("20", first.Headers.GetValues("X-MBX-USED-WEIGHT-1M").Single());
        HttpResponseMessage second = await http.GetAsync(new Uri("/fapi/v1/aggTrades?symbol=BTCUSDT", UriKind.Relative)); // 40 > 30
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal(-1003, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32());
        Assert.True(second.Headers.Contains("Retry-After"));
    }
}
