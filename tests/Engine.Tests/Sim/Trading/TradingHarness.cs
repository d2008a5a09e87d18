using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Sim.Trading;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// A sim hosted in-process on port 0 with one known HMAC account (10,000 USDT) and a BTCUSDT tape, and a client that
/// signs requests as Binance's documentation describes (HMAC-SHA256 hex over the query string). Tests play prints
/// with <see cref="Print"/> (the market player's hook) and read the user events the desk published. The filters are
/// Binance's recorded BTCUSDT ones the market side serves (2021-07-21): tick 0.01, step 0.001, minQty 0.001, maxQty
/// 1000, MIN_NOTIONAL 5, PERCENT_PRICE 1.15/0.85, pricePrecision 2, quantityPrecision 3; rate limits 2400 weight/min,
/// 1200 orders/min, 300 orders/10 s.
/// </summary>
public sealed class TradingHarness : IAsyncDisposable
{
    public const string ApiKey = "SIMTESTharnessKey0000000000000000000000000000000000000000000000";
    public const string Secret = "SIMTESTharnessSecret00000000000000000000000000000000000000000000";

    private readonly List<(string Type, string Json)> _events = [];

    private TradingHarness(SimServer server)
    {
        Server = server;
        Http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public SimServer Server { get; }

    public SimExchange Exchange => Server.Exchange;

    public HttpClient Http { get; }

    public SymbolId Btc => new(0);

    /// <summary>Starts the sim; <paramref name="symbols"/> replaces the tape's one symbol, BTCUSDT (first is always id 0).</summary>
    public static async Task<TradingHarness> StartAsync(SimFaults? faults = null, string? accountsJson = null, IReadOnlyList<string>? symbols = null)
    {
        var registry = new SymbolRegistry(symbols ?? ["BTCUSDT"]);
        var exchange = new SimExchange(new SimOptions { NoWait = true }, SimTape.Of([], registry), faults)
        {
            Accounts = SimAccounts.Parse(accountsJson ?? $$$"""{"accounts":[{"apiKey":"{{{ApiKey}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"10000"}}]}"""),
        };
        var server = await SimServer.StartAsync(exchange);
        var harness = new TradingHarness(server);
        exchange.UserEventTap = (key, type, json) =>
        {
            lock (harness._events)
            {
                harness._events.Add((type, Encoding.UTF8.GetString(json.Span)));
            }
        };
        return harness;
    }

    /// <summary>Plays one market print of BTCUSDT through the hook the market player calls.</summary>
    public void Print(string price, string quantity, long id = 1, bool buyerIsMaker = false) => Print(Btc, price, quantity, id, buyerIsMaker);

    /// <summary>Plays one market print of the tape's symbol <paramref name="symbol"/>.</summary>
    public void Print(SymbolId symbol, string price, string quantity, long id = 1, bool buyerIsMaker = false)
    {
        var t = new Trade
        {
            Symbol = symbol,
            Id = id,
            Price = Price.Parse(price),
            Quantity = new Quantity(Price.Parse(quantity).E8),
            TradeTimeMs = TapeClock.WallClockMs,
            EventTimeMs = TapeClock.WallClockMs,
            BuyerIsMaker = buyerIsMaker,
            Type = TradeType.Market,
        };
        Exchange.OnTapeTrade(in t);
    }

    public IReadOnlyList<(string Type, string Json)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Sends a signed request: parameters + timestamp as the query string, HMAC signature appended.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string parameters, long? timestamp = null, string? apiKey = ApiKey, string secret = Secret, CancellationToken cancel = default)
    {
        string query = (parameters.Length > 0 ? parameters + "&" : "") + "timestamp=" + (timestamp ?? TapeClock.WallClockMs).ToString(CultureInfo.InvariantCulture);
        query += "&signature=" + RequestAuth.HmacHex(secret, query);
        var request = new HttpRequestMessage(method, path + "?" + query);
        if (apiKey is not null)
        {
            request.Headers.Add("X-MBX-APIKEY", apiKey);
        }

        return Http.SendAsync(request, cancel);
    }

    /// <summary>Sends and parses: the status and the JSON body.</summary>
    public async Task<(int Status, JsonElement Body)> CallAsync(HttpMethod method, string path, string parameters)
    {
        using HttpResponseMessage response = await SendAsync(method, path, parameters);
        string text = await response.Content.ReadAsStringAsync();
        using JsonDocument doc = JsonDocument.Parse(text);
        return ((int)response.StatusCode, doc.RootElement.Clone());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
