using System.Diagnostics;
using System.Globalization;
using Engine.Binance.Live.Market;
using Engine.FeedBench;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Tape;
using Engine.SimBench;

// The live feed's throughput: ONE market connection from engine sim, every aggTrade frame received into a pooled
// buffer, parsed by the frame parser straight into a slot of the input ring (multi-producer sequencer, one consumer
// thread), sequenced (gap/duplicate checks). The sim runs as a child process (this program with --serve), so the
// bytes this process allocates are the feed's, the ring's and the runtime's: measured after warm-up, per frame.
// Usage: Engine.FeedBench <trades.csv[.gz]> [--laps N] [--warmup FRACTION]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: Engine.FeedBench <trades.csv[.gz]> [--laps N] [--warmup FRACTION]");
    return 2;
}

int laps = (int)Option("--laps", 20);
if (args.Contains("--serve"))
{
    return await ServeAsync(args[0], laps);
}

double warmupFraction = Option("--warmup", 0.25);
var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true };
if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
{
    start.ArgumentList.Add(typeof(RingPublisher).Assembly.Location);
}

foreach (string a in args.Append("--serve"))
{
    start.ArgumentList.Add(a);
}

using var child = Process.Start(start)!;
string? line;
int port = 0, aggregates = 0;
string symbol = "";
while ((port == 0 || aggregates == 0) && (line = child.StandardOutput.ReadLine()) is not null)
{
    Console.WriteLine(line);
    if (line.StartsWith("sim: listening http://127.0.0.1:", StringComparison.Ordinal))
    {
        port = int.Parse(line.AsSpan(line.LastIndexOf(':') + 1), CultureInfo.InvariantCulture);
    }
    else if (line.StartsWith("feedbench: aggregates ", StringComparison.Ordinal))
    {
        string[] parts = line.Split(' ');
        aggregates = int.Parse(parts[2], CultureInfo.InvariantCulture);
        symbol = parts[3];
    }
}

if (port == 0)
{
    Console.Error.WriteLine("the sim did not start");
    return 1;
}

var registry = new SymbolRegistry([symbol]);
using var ring = new RingPublisher(1 << 16);
var options = MarketFeedOptions.ForEndpoint(new Uri($"http://127.0.0.1:{port}"), [symbol]) with { Streams = ["aggTrade"] };
await using var feed = new MarketFeed(options, registry, ring);
long warmup = (long)(aggregates * warmupFraction);
int gen0Before = 0;
long bytesBefore = 0, framesBefore = 0, startTicks = 0;
await feed.StartAsync();
var quiet = Stopwatch.StartNew();
long last = 0, lastChangeTicks = 0;
while (ring.Consumed < aggregates && quiet.Elapsed < TimeSpan.FromSeconds(5))
{
    long consumed = ring.Consumed;
    if (consumed != last)
    {
        last = consumed;
        lastChangeTicks = Stopwatch.GetTimestamp();
        quiet.Restart();
    }

    if (startTicks == 0 && consumed >= warmup)
    {
        bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        gen0Before = GC.CollectionCount(0);
        framesBefore = consumed; // (a statistics snapshot here would allocate its histogram copies inside the window)
        startTicks = Stopwatch.GetTimestamp();
    }

    Thread.Sleep(1);
}

long endTicks = lastChangeTicks; // the last frame's arrival (as polled), not the quiet wait after it
long bytes = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
int gen0 = GC.CollectionCount(0) - gen0Before;
FeedSnapshot s = feed.Statistics.Snapshot();
await feed.StopAsync();
child.StandardInput.Close();
await child.WaitForExitAsync();

long frames = last - framesBefore;
double seconds = (endTicks - startTicks) / (double)Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"feed: {s.TradeFrames:N0} aggTrade frames into the ring ({ring.Consumed:N0} consumed of {aggregates:N0} on the tape), {s.Reconnects} reconnects, {s.GapsFound} gaps, ring full {ring.RingFull} times"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"after warm-up ({warmup:N0} frames): {frames:N0} frames in {seconds:F2} s = {frames / seconds:N0} frames/s; {bytes:N0} bytes allocated in this process = {(double)bytes / frames:F3} B/frame; gen0 GCs {gen0}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"receive->ring p50 {s.ReceiveToRingNanos.ValueAtPercentile(50):N0} ns, p99 {s.ReceiveToRingNanos.ValueAtPercentile(99):N0} ns, p99.9 {s.ReceiveToRingNanos.ValueAtPercentile(99.9):N0} ns"));
return ring.Consumed == aggregates ? 0 : 1;

// The child: hosts the sim on a free port, plays the tiled tape as fast as the tape clock allows, exits when stdin closes.
static async Task<int> ServeAsync(string path, int laps)
{
    SimTape tape = TiledTape.Load(path, laps, out string symbol);
    var options = new SimOptions { Speed = 1_000_000_000, LingerSeconds = 3600 };
    await using SimServer server = await SimServer.StartAsync(new SimExchange(options, tape));
    Console.WriteLine(server.ListeningLine);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feedbench: aggregates {server.Exchange.MarketSide!.Store.Aggregates[0].Length} {symbol}"));
    await Console.In.ReadToEndAsync();
    return 0;
}

double Option(string name, double fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? double.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
