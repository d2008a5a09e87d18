using System.Net.WebSockets;
using System.Text.Json;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Tests.Support;

namespace Engine.Tests.Sim.User;

/// <summary>
/// Each User:* fault exercised by a scripted loopback client: what the client sees, the count the sim keeps, and the
/// fault's line in the run report.
/// </summary>
public class UserFaultTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DuplicateRate_SendsTheEventTwice_AndCountsIt()
    {
        await using var host = await UserSimHost.StartAsync(faults: SimFaults.Parse("{\"User\":{\"DuplicateRate\":1}}"));
        using ClientWebSocket ws = await ConnectAsync(host);

        host.Publish("TRADE_LITE", "{\"e\":\"TRADE_LITE\",\"n\":1}");

        Assert.Equal("{\"e\":\"TRADE_LITE\",\"n\":1}", await ws.ReceiveTextAsync());
        Assert.Equal("{\"e\":\"TRADE_LITE\",\"n\":1}", await ws.ReceiveTextAsync());
        Assert.Equal(1, host.Exchange.FaultsInjected["User:DuplicateRate"]);
        AssertReported(host.Exchange, "User:DuplicateRate", 1);
    }

    [Fact]
    public async Task ReorderRate_SendsAHeldEventAfterTheNextOne_AndCountsIt()
    {
        await using var host = await UserSimHost.StartAsync(faults: SimFaults.Parse("{\"User\":{\"ReorderRate\":1}}"));
        using ClientWebSocket ws = await ConnectAsync(host);

        host.Publish("ORDER_TRADE_UPDATE", "{\"n\":1}");
        host.Publish("ORDER_TRADE_UPDATE", "{\"n\":2}");

        Assert.Equal("{\"n\":2}", await ws.ReceiveTextAsync());
        Assert.Equal("{\"n\":1}", await ws.ReceiveTextAsync());
        Assert.Equal(1, host.Exchange.FaultsInjected["User:ReorderRate"]);
        AssertReported(host.Exchange, "User:ReorderRate", 1);
    }

    [Fact]
    public async Task ReorderRate_AHeldEventWithNoSuccessor_StillArrives_Uncounted()
    {
        await using var host = await UserSimHost.StartAsync(faults: SimFaults.Parse("{\"User\":{\"ReorderRate\":1}}"));
        using ClientWebSocket ws = await ConnectAsync(host);

        host.Publish("ORDER_TRADE_UPDATE", "{\"n\":1}");

        Assert.Equal("{\"n\":1}", await ws.ReceiveTextAsync());
        Assert.Equal(0, host.Exchange.FaultsInjected["User:ReorderRate"]);
    }

    [Fact]
    public async Task DropEverySeconds_DropsTheSocketWithoutACloseFrame_AndCountsIt()
    {
        await using var host = await UserSimHost.StartAsync();
        using ClientWebSocket ws = await ConnectAsync(host);
        host.Exchange.Faults.User.DropEverySeconds = 0.3; // switched on at run time (as over the admin endpoint), once the client is connected

        Assert.Null(await ws.ReadUntilClosedAsync()); // dropped, not closed
        host.Exchange.Faults.User.DropEverySeconds = 0; // off at run time again: the counts below stay still
        Assert.Equal(1, host.Exchange.FaultsInjected["User:DropEverySeconds"]); // one socket, dropped once
        AssertReported(host.Exchange, "User:DropEverySeconds", 1);

        // the key outlives the drop: a client reconnects on it and hears the account again
        using ClientWebSocket again = await host.ConnectAsync($"/private/ws?listenKey={await host.NewListenKeyAsync()}");
        host.Publish("TRADE_LITE", "{\"n\":3}");
        string seen = await again.ReceiveTextAsync();
        Assert.Equal("{\"n\":3}", seen);
    }

    [Fact]
    public async Task ListenKeyExpireSeconds_ExpiresTheKeyEarly_AndCountsIt()
    {
        await using var host = await UserSimHost.StartAsync(faults: SimFaults.Parse("{\"User\":{\"ListenKeyExpireSeconds\":0.3}}"));
        string key = await host.NewListenKeyAsync();
        using ClientWebSocket ws = await host.ConnectAsync($"/private/ws?listenKey={key}");

        using var doc = JsonDocument.Parse(await ws.ReceiveTextAsync());
        Assert.Equal("listenKeyExpired", doc.RootElement.GetProperty("e").GetString());
        Assert.Equal(key, doc.RootElement.GetProperty("listenKey").GetString());
        Assert.Equal(1, host.Exchange.FaultsInjected["User:ListenKeyExpireSeconds"]);
        AssertReported(host.Exchange, "User:ListenKeyExpireSeconds", 1);
    }

    [Fact]
    public async Task WithNoFaults_NothingIsCounted()
    {
        await using var host = await UserSimHost.StartAsync();
        using ClientWebSocket ws = await ConnectAsync(host);
        host.Publish("TRADE_LITE", "{\"n\":1}");
        host.Publish("TRADE_LITE", "{\"n\":2}");

        Assert.Equal("{\"n\":1}", await ws.ReceiveTextAsync());
        Assert.Equal("{\"n\":2}", await ws.ReceiveTextAsync());
        Assert.DoesNotContain(host.Exchange.FaultsInjected.Snapshot().Keys, k => k.StartsWith("User:", StringComparison.Ordinal));
    }

    private static async Task<ClientWebSocket> ConnectAsync(UserSimHost host)
    {
        string key = await host.NewListenKeyAsync();
        ClientWebSocket ws = await host.ConnectAsync($"/private/ws?listenKey={key}");
        Assert.True(Deadline.WaitUntil(() => host.Exchange.UserStreamStats.SocketsOpened >= 1, Wait));
        return ws;
    }

    /// <summary>The run report (<c>--out</c>) lists the fault with its count, in faults.json and report.md.</summary>
    private static void AssertReported(SimExchange exchange, string fault, long count)
    {
        string dir = Path.Combine(Path.GetTempPath(), "sim-user-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            SimReport.Write(dir, exchange);
            using var faults = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "faults.json")));
            Assert.Equal(count, faults.RootElement.GetProperty(fault).GetInt64());
            Assert.Contains($"| `{fault}` |", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
            Assert.Contains("## User data stream", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
