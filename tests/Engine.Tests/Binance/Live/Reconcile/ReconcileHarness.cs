using System.Net.Http;
using System.Text;
using System.Text.Json;
using Engine.Binance.Live.Orders;
using Engine.Binance.Live.Reconcile;
using Engine.Binance.Live.UserData;
using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;
using Engine.Pipeline;
using Engine.Sim.Tape;
using Engine.Tests.Binance.Live.Orders;
using Engine.Tests.Oms;
using Engine.Tests.Pipeline;
using Engine.Tests.Sim.Trading;

namespace Engine.Tests.Binance.Live.Reconcile;

/// <summary>
/// The sim in-process (<see cref="TradingHarness"/>: BTCUSDT, an HMAC account of 10,000 USDT) and a real engine with
/// no paper venue, as a live run has it: what the engine "sent before it died" is placed at the sim by the test with
/// the engine's client ids; the reconciler publishes into an <see cref="ArrayInputPublisher"/> and the test plays those
/// events into the engine, so the engine's own state after reconciliation is compared with the sim's.
/// </summary>
internal sealed class ReconcileHarness : IAsyncDisposable
{
    private readonly TradingHarness _sim;
    private int _played;

    private ReconcileHarness(TradingHarness sim)
    {
        _sim = sim;
        Engine = new TradingEngine<CollectingOutputSink>(
            PaperScript.Options(new OrderManagerOptions(), new PaperVenueOptions()), new CollectingOutputSink(), paperVenue: false);
    }

    public static SymbolId Btc => new(0);

    public TradingHarness Sim => _sim;

    public TradingEngine<CollectingOutputSink> Engine { get; }

    public ArrayInputPublisher Input { get; } = new();

    public List<ReconcileDifference> Alerts { get; } = [];

    public List<string> Failures { get; } = [];

    public static async Task<ReconcileHarness> StartAsync() => new(await TradingHarness.StartAsync());

    public UserStreamOptions Venue(Uri? restBase = null) => new()
    {
        RestBase = restBase ?? _sim.Server.BaseAddress,
        WebSocketBase = restBase ?? _sim.Server.BaseAddress,
        Credentials = new ApiCredentials(TradingHarness.ApiKey, new HmacSha256Signer(Encoding.UTF8.GetBytes(TradingHarness.Secret)), "test"),
        Symbols = ["BTCUSDT"],
        RequestTimeout = TimeSpan.FromSeconds(10),
        ServerTimeMs = () => TapeClock.WallClockMs,
    };

    /// <summary>Runs the reconciler on the engine's current book, then plays what it published into the engine.</summary>
    public async Task<ReconcileResult> ReconcileAsync(ReconcileOptions? options = null, Uri? restBase = null)
    {
        EngineBook book = EngineBook.From(Engine.OrderManager, 1);
        var alerts = new AlertRecorder(Alerts, Failures);
        using var reconciler = new StartupReconciler(Venue(restBase), options ?? new ReconcileOptions { RetryDelay = TimeSpan.FromMilliseconds(10) }, new SymbolRegistry(["BTCUSDT"]), Input, alerts);
        ReconcileResult result = await reconciler.RunAsync(book, CancellationToken.None);
        PlayPublished();
        return result;
    }

    /// <summary>Plays into the engine every event published since the last call.</summary>
    public void PlayPublished()
    {
        List<EngineEvent> events = Input.Events;
        for (; _played < events.Count; _played++)
        {
            EngineEvent e = events[_played];
            Engine.OnEvent(ref e);
        }
    }

    /// <summary>A limit entry through the engine's OMS (client id n: eng-n at the venue); returns its client id.</summary>
    public ClientOrderId SubmitLimitEntry(Side side, string price, string quantity = "0.010")
    {
        EntryDecision d = Engine.SubmitEntry(new EntryPlan(Btc, side, Quantity.Parse(quantity), Price.Parse("400"), Price.Parse(price), TapeClock.WallClockMs, OrderType.Limit, Price.Parse(price)));
        Assert.Equal(EntryDecision.Submitted, d);
        return Engine.Output.OfKind(OutputKind.OrderRequested).Last().Order.ClientId;
    }

    /// <summary>Places at the sim what the engine asked for (a LIMIT GTC), as its gateway would have; returns the venue id.</summary>
    public async Task<long> PlaceAtSimAsync(ClientOrderId id, Side side, string price, string quantity = "0.010")
    {
        var (status, body) = await _sim.CallAsync(HttpMethod.Post, "/fapi/v1/order",
            $"symbol=BTCUSDT&side={(side == Side.Buy ? "BUY" : "SELL")}&type=LIMIT&timeInForce=GTC&quantity={quantity}&price={price}&newClientOrderId=eng-{id.Value}");
        Assert.Equal(200, status);
        return body.GetProperty("orderId").GetInt64();
    }

    /// <summary>The venue's acknowledgement reaching the engine (the user stream's NEW).</summary>
    public void Acknowledge(ClientOrderId id, long venueId)
    {
        var e = new EngineEvent { Kind = EventKind.VenueReport };
        e.Report = new VenueReport { Kind = VenueReportKind.Accepted, ClientId = id, VenueId = new OrderId(venueId), Symbol = Btc, EventTimeMs = TapeClock.WallClockMs };
        Engine.OnEvent(ref e);
    }

    public async Task<JsonElement> GetAsync(string path, string parameters = "symbol=BTCUSDT")
    {
        var (status, body) = await _sim.CallAsync(HttpMethod.Get, path, parameters);
        Assert.Equal(200, status);
        return body;
    }

    public async Task<Quantity> SimPositionAsync()
    {
        JsonElement risk = await GetAsync("/fapi/v2/positionRisk");
        return risk.GetArrayLength() == 0 ? default : Quantity.Parse(risk[0].GetProperty("positionAmt").GetString()!);
    }

    public ValueTask DisposeAsync() => _sim.DisposeAsync();

    private sealed class AlertRecorder(List<ReconcileDifference> differences, List<string> failures) : IReconcileAlertSink
    {
        public void OnReconcileDifference(in ReconcileDifference difference) => differences.Add(difference);

        public void OnReconcileFailure(string reason) => failures.Add(reason);
    }
}
