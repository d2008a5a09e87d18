using System.Net.Http;
using System.Text;
using Engine.Binance.Live.Orders;
using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Tests.Sim.Trading;
using Engine.Tests.Support;

namespace Engine.Tests.Binance.Live.UserData;

/// <summary>
/// The user data stream against the in-process sim over loopback: a fill while the key has expired, and a fill while
/// the socket is down, each recovered by the reconciliation that follows the new socket; duplicated and reordered frames
/// leave exactly one report per fill. Fees are the sim's maker rate, computed by hand (0.0002 × qty × price).
/// </summary>
public sealed class UserDataStreamSimTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static UserStreamOptions OptionsFor(TradingHarness h) => new()
    {
        RestBase = h.Server.BaseAddress,
        WebSocketBase = h.Server.BaseAddress,
        Credentials = new ApiCredentials(TradingHarness.ApiKey, new HmacSha256Signer(Encoding.UTF8.GetBytes(TradingHarness.Secret)), "test"),
        Symbols = ["BTCUSDT"],
        ReconnectDelay = TimeSpan.FromMilliseconds(20),
        ServerTimeMs = () => TapeClock.WallClockMs,
    };

    private static async Task<long> PlaceAsync(TradingHarness h, string clientId, string quantity = "0.010")
    {
        var (status, order) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity={quantity}&price=40000&newClientOrderId={clientId}");
        Assert.Equal(200, status);
        return order.GetProperty("orderId").GetInt64();
    }

    [Fact]
    public async Task ListenKeyExpiry_DuringAFill_NewKeyNewSocket_FillRecoveredByReconciliation()
    {
        await using var h = await TradingHarness.StartAsync();
        var sink = new RecordingSink();
        bool filledInGap = false;
        using var stop = new CancellationTokenSource();
        using var stream = new UserDataStream(OptionsFor(h), new SymbolRegistry(["BTCUSDT"]), sink)
        {
            Notice = line =>
            {
                if (line.Contains("listenKey expired", StringComparison.Ordinal) && !filledInGap)
                {
                    // Between the expiry and the new key: the desk's events for the account go nowhere (undelivered).
                    h.Exchange.Faults.User.ListenKeyExpireSeconds = 0;
                    h.Print("39990", "1", 2);
                    filledInGap = true;
                }
            },
        };
        Task run = stream.RunAsync(stop.Token);
        Assert.True(Deadline.WaitUntil(() => stream.Statistics.Connected && stream.Statistics.Reconciliations == 1, Wait));
        long orderId = await PlaceAsync(h, "eng-1");
        Assert.True(Deadline.WaitUntil(() => sink.Reports.Count == 1, Wait));
        Assert.Equal(VenueReportKind.Accepted, sink.Reports[0].Kind);

        h.Exchange.Faults.User.ListenKeyExpireSeconds = 0.2; // applies to the next key: force one now
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, "/fapi/v1/listenKey"))
        {
            delete.Headers.Add("X-MBX-APIKEY", TradingHarness.ApiKey);
            using HttpResponseMessage closed = await h.Http.SendAsync(delete); // the key ends, its socket closes; the next key expires in 0.2 s
            Assert.True(closed.IsSuccessStatusCode);
        }

        Assert.True(Deadline.WaitUntil(() => filledInGap && stream.Statistics.FillsRecovered == 1, Wait), $"recovered {stream.Statistics.FillsRecovered}");
        Assert.True(Deadline.WaitUntil(() => sink.Updates.Any(IsReconciledLong), Wait)); // the same pass reads positions after the fills
        await stop.CancelAsync();
        await run;

        VenueReport fill = Assert.Single(sink.Reports, r => r.IsFill);
        Assert.Equal((VenueReportKind.Filled, 1L), (fill.Kind, fill.ClientId.Value));
        Assert.Equal(orderId, fill.VenueId.Value);
        Assert.Equal(Quantity.Parse("0.010"), fill.CumulativeQuantity);
        Assert.Equal(Price.Parse("40000"), fill.LastPrice);
        Assert.Equal(Money.FromDecimal(0.08m), fill.Fee); // maker: 0.0002 × 0.010 × 40000
        Assert.True(fill.IsMaker);
        Assert.Equal(1, stream.Statistics.KeysExpired);
        Assert.True(stream.Statistics.KeysCreated >= 3, $"keys created {stream.Statistics.KeysCreated}"); // first, after the delete, after the expiry
        Assert.Equal(0, stream.Statistics.DuplicateFills);
    }

    private static bool IsReconciledLong(AccountUpdate u) =>
        u.Kind == AccountUpdateKind.Position && u.Reason == AccountUpdateReason.Reconciliation && u.Amount == Quantity.Parse("0.010");

    [Fact]
    public async Task SocketDrop_DuringAFill_ReconnectsOnTheKey_FillRecoveredOnce()
    {
        await using var h = await TradingHarness.StartAsync();
        var sink = new RecordingSink();
        bool filledInGap = false;
        using var stop = new CancellationTokenSource();
        using var stream = new UserDataStream(OptionsFor(h), new SymbolRegistry(["BTCUSDT"]), sink)
        {
            Notice = line =>
            {
                if (line.Contains("user stream:", StringComparison.Ordinal) && !filledInGap)
                {
                    h.Exchange.Faults.User.DropEverySeconds = 0;
                    h.Print("39990", "0.004", 2); // part of the order fills while no socket listens
                    filledInGap = true;
                }
            },
        };
        Task run = stream.RunAsync(stop.Token);
        Assert.True(Deadline.WaitUntil(() => stream.Statistics.Connected && stream.Statistics.Reconciliations == 1, Wait));
        await PlaceAsync(h, "eng-5");
        Assert.True(Deadline.WaitUntil(() => sink.Reports.Count == 1, Wait));

        string key = stream.ListenKey!;
        h.Exchange.Faults.User.DropEverySeconds = 0.2;
        Assert.True(Deadline.WaitUntil(() => filledInGap && stream.Statistics.FillsRecovered == 1 && stream.Statistics.Connected, Wait));
        Assert.Equal(key, stream.ListenKey); // the drop left the key valid: the stream reconnected on it
        h.Print("40000", "1", 3); // the rest, on the new socket
        Assert.True(Deadline.WaitUntil(() => sink.Reports.Count(r => r.IsFill) == 2, Wait));
        await stop.CancelAsync();
        await run;

        VenueReport[] fills = [.. sink.Reports.Where(r => r.IsFill)];
        Assert.Equal([VenueReportKind.PartiallyFilled, VenueReportKind.Filled], fills.Select(f => f.Kind));
        Assert.Equal([Quantity.Parse("0.004"), Quantity.Parse("0.010")], fills.Select(f => f.CumulativeQuantity));
        Assert.Equal([Money.FromDecimal(0.032m), Money.FromDecimal(0.048m)], fills.Select(f => f.Fee)); // 0.0002 × 0.004/0.006 × 40000
        Assert.True(stream.Statistics.Disconnects >= 1);
    }

    [Fact]
    public async Task DuplicatedAndReorderedFrames_OneReportPerFill_SameEndState()
    {
        await using var h = await TradingHarness.StartAsync(SimFaults.Parse("{\"User\":{\"DuplicateRate\":1,\"ReorderRate\":1}}"));
        var sink = new RecordingSink();
        using var stop = new CancellationTokenSource();
        using var stream = new UserDataStream(OptionsFor(h), new SymbolRegistry(["BTCUSDT"]), sink);
        Task run = stream.RunAsync(stop.Token);
        Assert.True(Deadline.WaitUntil(() => stream.Statistics.Connected && stream.Statistics.Reconciliations == 1, Wait));

        await PlaceAsync(h, "eng-7");
        h.Print("39990", "0.004", 2);
        h.Print("40000", "1", 3);
        Assert.True(Deadline.WaitUntil(() => sink.Reports.Count(r => r.IsFill) == 2 && h.Exchange.FaultsInjected["User:DuplicateRate"] > 0, Wait));
        // repeated fill frames arrive (a held one alone after up to 1 s): wait for one, then nothing more was reported
        Assert.True(Deadline.WaitUntil(() => stream.Statistics.DuplicateFills >= 1, Wait), $"duplicates {stream.Statistics.DuplicateFills}");
        await stop.CancelAsync();
        await run;

        VenueReport[] fills = [.. sink.Reports.Where(r => r.IsFill)];
        Assert.Equal(2, fills.Length);
        Assert.Equal(Quantity.Parse("0.010"), fills.Max(f => f.CumulativeQuantity));
        Assert.Equal(VenueReportKind.Filled, fills.Single(f => f.CumulativeQuantity == Quantity.Parse("0.010")).Kind);
        Assert.Equal(Money.FromDecimal(0.08m), new Money(fills.Sum(f => f.Fee.E8)));
        Assert.True(sink.Reports.Count(r => r.Kind == VenueReportKind.Accepted) <= 1); // none when the NEW came after a fill (stale, dropped)
        Assert.True(stream.Statistics.OrderUpdates > 3, $"order updates {stream.Statistics.OrderUpdates}"); // NEW and two fills, some of them twice
    }
}
