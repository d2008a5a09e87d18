using System.Globalization;
using Engine.Binance.ExchangeInfo;
using Engine.Binance.Live.Market;
using Engine.Binance.Live.Orders;
using Engine.Metrics;
using Engine.Metrics.Reporting;
using Engine.Model;
using Engine.Pipeline;
using Engine.Signals;
using Engine.Sim;
using Engine.Sim.Trading;
using Engine.SimBench;
using Engine.TickToOrder;

// Tick-to-order against engine sim in-process over loopback: the sim plays a real trade tape at --speed, the live
// feed (MarketFeed, aggTrade) publishes into the live pipeline (no paper venue), the latency probe sends a resting
// limit on every --every-th trade and cancels it once accepted, and the gateway (the output consumer) sends it over
// REST or the WS API. Prints the gateway's tick-to-order (frame received → request bytes handed to the socket) and the
// sim's own wire-to-wire (last trade frame flushed → order request received) from the same run, the engine's own queue
// and end-to-end stages over every event (the input ring's part of the figure), and what the gateway's thread
// allocated per request.
// Usage: Engine.TickToOrder <trades.csv[.gz]> [--transport rest|ws] [--speed X] [--every N] [--laps N] [--warmup S] [--out DIR] [--gateway-wait Yielding|Sleeping|BusySpin] [--engine-cpu N]
if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
{
    Console.Error.WriteLine("usage: Engine.TickToOrder <trades.csv[.gz]> [--transport rest|ws] [--speed X] [--every N] [--laps N] [--warmup S] [--out DIR]");
    return 2;
}

bool ws = Text("--transport", "ws") == "ws";
double speed = Number("--speed", 10);
int every = (int)Number("--every", 50);
int laps = (int)Number("--laps", 1);
double warmupSeconds = Number("--warmup", 3);
string? outDir = Text("--out", null);

// RFC 8032 §7.1 TEST 1: a published key pair, never a real one.
byte[] seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
byte[] spki = Convert.FromHexString("302a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
string pem = "-----BEGIN PUBLIC KEY-----\\n" + Convert.ToBase64String(spki) + "\\n-----END PUBLIC KEY-----";
var exchange = new SimExchange(new SimOptions { Speed = speed, LingerSeconds = 2 }, TiledTape.Load(args[0], laps, out string symbol))
{
    Accounts = SimAccounts.Parse($$$"""{"accounts":[{"apiKey":"SIMTESTtickToOrder","secretKey":"unused","ed25519PublicKey":"{{{pem}}}","balances":{"USDT":"100000"}}]}"""),
};
await using SimServer server = await SimServer.StartAsync(exchange);
using var http = new HttpClient();
ExchangeInfoDocument info = await ExchangeInfoClient.FetchAsync(http, server.BaseAddress, CancellationToken.None);
if (!info.TryGetFilters(symbol, out SymbolFilters filters))
{
    Console.Error.WriteLine($"{symbol}: not in the sim's exchangeInfo");
    return 1;
}

var credentials = new ApiCredentials("SIMTESTtickToOrder", Ed25519RequestSigner.FromRawSeed(seed), "RFC 8032 test key");
var gatewayOptions = new GatewayOptions { ClientIdPrefix = "t2o" };
var rest = new RestOrderTransport(server.BaseAddress, credentials, gatewayOptions);
IOrderTransport primary = ws ? new WsApiOrderTransport(new Uri($"ws://127.0.0.1:{server.Port}/ws-fapi/v1"), credentials, gatewayOptions, new ServerClock()) : rest;
var registry = new SymbolRegistry([symbol]);
var input = new ForwardingInputPublisher();
using var gateway = new OrderGateway(gatewayOptions, primary, ws ? rest : null, new ServerClock(), rest.TrySyncClock, new VenueRateLimiter(Engine.Binance.Live.Orders.RateLimitRule.BinanceDefaults), registry, input);

var options = new PipelineOptions
{
    Symbols = [new SymbolSetup { Name = symbol, Filters = filters, BarSize = 10m }],
    Signal = SignalSource.LatencyProbe,
    Probe = new LatencyProbeOptions { EveryTrades = every, Mode = LatencyProbeMode.Cancel },
};
var runtime = new PipelineRuntime { LiveInput = true, PaperVenue = false, EngineCpu = (int)Number("--engine-cpu", -1), OutputConsumerWait = Enum.Parse<Engine.Ring.WaitStrategyKind>(Text("--gateway-wait", "Yielding")!) };
var meter = new AllocationMeter(new GatewayOutputHandler(gateway));
var pipeline = new EnginePipeline<NullJournal>(options, runtime, default, new PipelineAttachments { OutputConsumer = meter });
input.Target = pipeline.Input;

var feedOptions = MarketFeedOptions.ForEndpoint(server.BaseAddress, [symbol]) with { Streams = ["aggTrade"] };
await using var feed = new MarketFeed(feedOptions, registry, pipeline.Input);
using var stop = new CancellationTokenSource();
_ = exchange.TapeEnded.ContinueWith(_ => stop.CancelAfter(TimeSpan.FromSeconds(1)), TaskScheduler.Default);
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
await feed.StartAsync(stop.Token);
Task<RunStatistics> run = Task.Run(() => pipeline.RunLive(stop.Token));

// The first orders pay for connections and first calls: what the warm-up recorded is taken out of both figures.
await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(warmupSeconds)), run);
Histogram warmTickToOrder = gateway.TickToOrderSnapshot();
meter.Counting = true;
pipeline.Engine.Latency.SwapInterval(); // the warm-up's stage latencies, left out
(Histogram warmToPickUp, Histogram warmToSend) = gateway.TickToOrderPartsSnapshot();
Histogram warmWireToWire = exchange.MarketSide!.WireToWireSnapshot();
RunStatistics stats = await run;
LatencyInterval stages = pipeline.Engine.Latency.SwapInterval(); // the engine thread has stopped: after the warm-up
await feed.StopAsync();

Histogram tickToOrder = gateway.TickToOrderSnapshot();
tickToOrder.Subtract(warmTickToOrder);
(Histogram toPickUp, Histogram toSend) = gateway.TickToOrderPartsSnapshot();
toPickUp.Subtract(warmToPickUp);
toSend.Subtract(warmToSend);
Histogram wireToWire = exchange.MarketSide!.WireToWireSnapshot();
wireToWire.Subtract(warmWireToWire);
(long sent, long skipped) = pipeline.Engine.ProbeFigures();
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"warm-up {warmupSeconds} s: {warmTickToOrder.TotalCount} orders left out; tape {symbol} × {laps} at speed {speed}; transport {gateway.Primary.Name}{(primary is WsApiOrderTransport { LoggedOn: true } ? " (logged on)" : "")}; probe every {every} trades: {sent} sent, {skipped} skipped; {pipeline.Engine.Counters.Trades:N0} trades, {stats.Events:N0} events"));
Console.WriteLine(string.Create(inv, $"gateway: {gateway.Counters.Submits} submits ({gateway.Counters.Accepted} accepted, {gateway.Counters.Rejected} rejected), {gateway.Counters.Cancels} cancels, {gateway.Counters.RateLimitWaits} rate-limit waits; sim desk: {exchange.Desk.OrdersAccepted} accepted, {exchange.Desk.OrdersCanceled} cancelled"));
Console.WriteLine(string.Create(inv, $"gateway thread after the warm-up: {meter.Requests} requests (submits and cancels), {(meter.Requests == 0 ? 0 : meter.Bytes / meter.Requests):N0} B allocated per request on average, {meter.MaxBytes:N0} B at most"));
Console.WriteLine("| figure | count | p50 | p90 | p99 | p99.9 | max |");
Console.WriteLine("|---|---|---|---|---|---|---|");
Row("tick-to-order (engine: frame received → bytes to socket)", tickToOrder);
Row("  of which: frame received → gateway took the request", toPickUp);
Row("  of which: gateway took it → bytes to socket", toSend);
Row("every event: frame received → the engine took it (input ring)", stages[Stage.ReceivedToEngine]);
Row("every event: frame received → the engine done with it", stages[Stage.ReceivedToDone]);
Row("wire-to-wire (sim: last trade frame sent → order received)", wireToWire);
if (outDir is not null)
{
    Directory.CreateDirectory(outDir);
    await using (var w = new StreamWriter(Path.Combine(outDir, "tick-to-order.hgrm")))
    {
        PercentileDistributionWriter.Write(w, tickToOrder);
    }

    await using (var w = new StreamWriter(Path.Combine(outDir, "wire-to-wire.hgrm")))
    {
        PercentileDistributionWriter.Write(w, wireToWire);
    }
}

return tickToOrder.TotalCount > 0 ? 0 : 1;

void Row(string name, Histogram h) => Console.WriteLine(string.Create(inv,
    $"| {name} | {h.TotalCount:N0} | {Us(h, 50)} | {Us(h, 90)} | {Us(h, 99)} | {Us(h, 99.9)} | {h.MaxValue / 1000.0:F1} µs |"));

static string Us(Histogram h, double p) => h.TotalCount == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{h.ValueAtPercentile(p) / 1000.0:F1} µs");

double Number(string name, double fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

string? Text(string name, string? fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
