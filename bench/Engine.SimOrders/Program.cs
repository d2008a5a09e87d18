using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.Sim.Trading;
using HdrHistogram;

// Order requests per second through engine sim's signed REST path, with the sim and this client in one process on
// the same cores: every request is a signed POST /fapi/v1/order (a LIMIT resting far below any price) or the DELETE
// that cancels it, each over HTTP/1.1 keep-alive connections, so each one goes through rate limits, HMAC check,
// the desk, the JSON answer and the user event. Usage: dotnet run -c Release --project bench/Engine.SimOrders
// [seconds=10] [connections=32]. Prints requests/s and the latency of a request (send to answer read) p50/p99/max.
int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
int connections = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
const string Key = "SIMTESTbenchKey";
const string Secret = "SIMTESTbenchSecret";

var exchange = new SimExchange(new SimOptions { NoWait = true, LingerSeconds = 0 }, SimTape.Of([], new SymbolRegistry(["BTCUSDT"])))
{
    Accounts = SimAccounts.Parse($$$"""{"accounts":[{"apiKey":"{{{Key}}}","secretKey":"{{{Secret}}}","balances":{"USDT":"100000000"}}]}"""),
};
await using SimServer server = await SimServer.StartAsync(exchange);
// Binance's limits (300 orders / 10 s) would stop a load test after a second: lift them for the measurement.
exchange.Limits.SetRules([new RateLimitRule("REQUEST_WEIGHT", "MINUTE", 1, long.MaxValue), new RateLimitRule("ORDERS", "SECOND", 10, long.MaxValue)]);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress };
var histogram = new LongConcurrentHistogram(1, TimeStamp.Seconds(10), 3);
long requests = 0, errors = 0;
TimeSpan warmUp = TimeSpan.FromSeconds(2);
var clock = Stopwatch.StartNew();
var until = TimeSpan.FromSeconds(seconds) + warmUp;
long measuredFrom = 0;

async Task Worker(int id)
{
    long n = 0;
    while (clock.Elapsed < until)
    {
        string client = $"b{id}-{n++}";
        bool measured = clock.Elapsed >= warmUp;
        if (await Send(HttpMethod.Post, $"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=30000&newClientOrderId={client}", measured)
            && await Send(HttpMethod.Delete, $"symbol=BTCUSDT&origClientOrderId={client}", measured))
        {
            continue;
        }
    }
}

async Task<bool> Send(HttpMethod method, string parameters, bool measured)
{
    string query = parameters + "&timestamp=" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    query += "&signature=" + RequestAuth.HmacHex(Secret, query);
    using var request = new HttpRequestMessage(method, "/fapi/v1/order?" + query);
    request.Headers.Add("X-MBX-APIKEY", Key);
    long start = Stopwatch.GetTimestamp();
    using HttpResponseMessage response = await http.SendAsync(request).ConfigureAwait(false);
    await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
    if (measured)
    {
        histogram.RecordValue(Stopwatch.GetTimestamp() - start);
        Interlocked.Increment(ref requests);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref errors);
        }
    }

    return response.IsSuccessStatusCode;
}

_ = Task.Run(async () =>
{
    await Task.Delay(warmUp).ConfigureAwait(false);
    Interlocked.Exchange(ref measuredFrom, clock.ElapsedTicks);
});
await Task.WhenAll(Enumerable.Range(0, connections).Select(i => Task.Run(() => Worker(i))));
double elapsed = (clock.ElapsedTicks - Interlocked.Read(ref measuredFrom)) / (double)Stopwatch.Frequency;
double Ms(double percentile) => histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sim orders: {requests:N0} order requests in {elapsed:F1} s = {requests / elapsed:N0} requests/s ({connections} connections, {Environment.ProcessorCount} cores, {errors} errors); latency p50 {Ms(50):F2} ms, p99 {Ms(99):F2} ms, max {histogram.GetMaxValue() * 1000.0 / Stopwatch.Frequency:F2} ms; desk: {exchange.Desk.OrdersAccepted:N0} accepted, {exchange.Desk.OrdersCanceled:N0} canceled"));
return errors == 0 ? 0 : 1;
