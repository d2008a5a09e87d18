using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.SimBench;

// engine sim's market-data throughput to ONE WebSocket connection: the sim (in this process, on 127.0.0.1) plays a
// tape as fast as it can to a client that counts whole WebSocket messages (one frame each, as Binance sends them).
// Usage: Engine.SimBench <trades.csv[.gz]> [--laps N] [--stream trade|aggTrade]
// The sim and the client share the machine; the figure is frames/s received, end to end.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Engine.SimBench <trades.csv[.gz]> [--laps N] [--stream trade|aggTrade]");
    return 2;
}

int laps = Option("--laps", 20);
string stream = args.SkipWhile(a => a != "--stream").Skip(1).FirstOrDefault() ?? "trade";
SimTape tape = TiledTape.Load(args[0], laps, out string symbol);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tape: {tape.Count:N0} {symbol} trades ({laps} laps of {args[0]})"));

var options = new SimOptions { Speed = Option("--speed", 1_000_000_000), LingerSeconds = 0 };
await using SimServer server = await SimServer.StartAsync(new SimExchange(options, tape));
using var socket = new ClientWebSocket();
byte[] buffer = new byte[1 << 16];
await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{server.Port}/market/ws/{symbol.ToLowerInvariant()}@{stream}"), CancellationToken.None);

long frames = 0, bytes = 0, first = 0;
long gcBefore = GC.CollectionCount(0);
using var quiet = new CancellationTokenSource();
while (true)
{
    quiet.CancelAfter(TimeSpan.FromSeconds(2));
    WebSocketReceiveResult r;
    try
    {
        r = await socket.ReceiveAsync(buffer, quiet.Token);
    }
    catch (OperationCanceledException)
    {
        break; // two seconds without a frame: the tape is over
    }

    if (r.MessageType == WebSocketMessageType.Close)
    {
        break;
    }

    if (r.EndOfMessage)
    {
        frames++;
        first = first == 0 ? Stopwatch.GetTimestamp() : first;
    }

    bytes += r.Count;
    if (frames > 0 && server.Exchange.TapeEnded.IsCompleted && frames == SentOn(server, stream))
    {
        break;
    }
}

double seconds = (Stopwatch.GetTimestamp() - first) / (double)Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"received {frames:N0} {stream} frames ({bytes / 1e6:F1} MB) in {seconds:F2} s: {frames / seconds:N0} frames/s, one WebSocket message each; gen0 GCs {GC.CollectionCount(0) - gcBefore}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the sim counted {SentOn(server, stream):N0} frames written to the socket"));
return frames == SentOn(server, stream) ? 0 : 1;

static long SentOn(SimServer server, string stream) => server.Exchange.MarketSide!.Hub.SentOn(stream == "trade" ? 1 : 0);

int Option(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
