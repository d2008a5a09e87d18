using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Engine.Binance.Live.Orders;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Sim.Trading;

namespace Engine.Tests.Binance.Live.Orders;

/// <summary>
/// The sim in-process on port 0 (BTCUSDT, Binance's recorded filters and rate limits) with an HMAC account and an
/// Ed25519 account (RFC 8032 test key), and a gateway over REST publishing into <see cref="ArrayInputPublisher"/>.
/// The sim's own view (its desk's counters, a signed REST query by the test) is the independent truth.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string ApiKey = "SIMTESTgatewayKey";
    public const string Secret = "SIMTESTgatewaySecret";
    public const string EdApiKey = "SIMTESTgatewayEd25519";

    private readonly HttpClient _check;

    private GatewayHarness(SimServer server, OrderGateway gateway, ArrayInputPublisher input)
    {
        Server = server;
        Gateway = gateway;
        Input = input;
        _check = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimServer Server { get; }

    public SimExchange Exchange => Server.Exchange;

    public OrderGateway Gateway { get; }

    public ArrayInputPublisher Input { get; }

    public static SymbolId Btc => new(0);

    public static async Task<GatewayHarness> StartAsync(SimFaults? faults = null, GatewayOptions? options = null, Func<SimServer, ApiCredentials, GatewayOptions, (IOrderTransport, IOrderTransport?)>? transports = null, bool ed25519 = false)
    {
        var symbols = new SymbolRegistry(["BTCUSDT"]);
        string pem = JsonSerializer.Serialize(Sim.Trading.SignatureTests.PemOf(Convert.FromHexString(SignerTests.RfcPublic)));
        var exchange = new SimExchange(new SimOptions { NoWait = true, LingerSeconds = 0 }, SimTape.Of([], symbols), faults)
        {
            Accounts = SimAccounts.Parse($$$"""
                {"accounts":[
                  {"apiKey":"{{{ApiKey}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"100000"}},
                  {"apiKey":"{{{EdApiKey}}}","secretKey":"unused","ed25519PublicKey":{{{pem}}},"balances":{"USDT":"100000"}}]}
                """),
        };
        SimServer server = await SimServer.StartAsync(exchange);
        options ??= new GatewayOptions { RequestTimeout = TimeSpan.FromSeconds(5), UnknownQueryFirstDelayMs = 20 };
        ApiCredentials credentials = ed25519
            ? new ApiCredentials(EdApiKey, Ed25519RequestSigner.FromRawSeed(Convert.FromHexString(SignerTests.RfcSecret)), "test")
            : new ApiCredentials(ApiKey, new HmacSha256Signer("SIMTESTgatewaySecret"u8), "test");
        var rest = new RestOrderTransport(server.BaseAddress, credentials, options);
        (IOrderTransport primary, IOrderTransport? fallback) = transports is null ? (rest, null) : transports(server, credentials, options);
        var input = new ArrayInputPublisher();
        var gateway = new OrderGateway(options, primary, fallback, new ServerClock(), rest.TrySyncClock, new VenueRateLimiter(Engine.Binance.Live.Orders.RateLimitRule.BinanceDefaults), symbols, input);
        return new GatewayHarness(server, gateway, input);
    }

    public static OrderRequest Limit(long id, Side side, string price, string quantity = "0.010") =>
        new(OrderCommand.Submit, new ClientOrderId(id), OrderId.None, Btc, side, OrderType.Limit, TimeInForce.Gtc, Price.Parse(price), Price.Zero, Quantity.Parse(quantity), false, 0);

    public static OrderRequest Stop(long id, Side side, string trigger, string quantity = "0.010", OrderType type = OrderType.StopMarket) =>
        new(OrderCommand.Submit, new ClientOrderId(id), OrderId.None, Btc, side, type, TimeInForce.None, Price.Zero, Price.Parse(trigger), Quantity.Parse(quantity), false, 0);

    /// <summary>Plays one market print of BTCUSDT (sets the sim's last price).</summary>
    public void Print(string price, long id = 1)
    {
        var t = new Trade
        {
            Symbol = Btc,
            Id = id,
            Price = Price.Parse(price),
            Quantity = Quantity.Parse("0.001"),
            TradeTimeMs = TapeClock.WallClockMs,
            EventTimeMs = TapeClock.WallClockMs,
            Type = TradeType.Market,
        };
        Exchange.OnTapeTrade(in t);
    }

    /// <summary>The test's own signed REST call (Binance's documented HMAC scheme, the sim's helper), as (status, body).</summary>
    public async Task<(int Status, JsonElement Body)> CheckAsync(HttpMethod method, string path, string parameters)
    {
        string query = (parameters.Length > 0 ? parameters + "&" : "") + "timestamp=" + (TapeClock.WallClockMs + Exchange.Faults.Clock.SkewMs).ToString(CultureInfo.InvariantCulture);
        query += "&signature=" + RequestAuth.HmacHex(Secret, query);
        using var request = new HttpRequestMessage(method, path + "?" + query);
        request.Headers.Add("X-MBX-APIKEY", ApiKey);
        using HttpResponseMessage response = await _check.SendAsync(request);
        using JsonDocument doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, doc.RootElement.Clone());
    }

    public async Task<int> OpenOrderCountAsync()
    {
        var (_, body) = await CheckAsync(HttpMethod.Get, "/fapi/v1/openOrders", "symbol=BTCUSDT");
        return body.GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        _check.Dispose();
        await Server.DisposeAsync();
    }
}
