using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using CsCheck;
using Engine.Cli;
using Engine.Tests.Cli;

namespace Engine.Tests.Properties;

/// <summary>
/// The same outputs whatever the order within the reorder window (issue 14): the bundled real sample with its trades
/// displaced within the run's window (<c>Run:ReorderWindowMs</c>, 1000 ms by default; <see cref="DisplacedArrival"/>)
/// replays to byte-identical aggregated.csv, deltascout.log and bars.csv, with every late arrival counted as
/// reordered and none dropped. The truth is the unmodified sample's own replay. Whole replays are slow, so a few
/// generated orders (each displaces thousands of trades).
/// </summary>
public sealed class ReorderReplayPropertyTests : IDisposable
{
    private const long WindowMs = 1_000;
    private static readonly string[] Compared = ["aggregated.csv", "deltascout.log", "bars.csv"];

    private readonly string _dir = Directory.CreateTempSubdirectory("engine-reorder-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SampleDisplacedWithinTheWindow_ReplaysToByteIdenticalOutputs()
    {
        (string header, List<string> lines) = ReadSample();
        long[] times = [.. lines.Select(l => long.Parse(l.Split(',')[3], CultureInfo.InvariantCulture))];
        string baseline = Replay("baseline", header, lines);
        int run = 0;

        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[20, 80]).Sample((seed, inOrder) =>
        {
            int[] order = DisplacedArrival.Order(times, WindowMs, seed, inOrder);
            int late = DisplacedArrival.LateArrivals(order);
            Assert.True(late > 100, $"only {late} trades displaced");
            string displaced = Replay($"displaced-{run++}", header, order.Select(i => lines[i]));

            foreach (string file in Compared)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(baseline, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(displaced, file))),
                    $"{file} differs");
            }

            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(displaced, "summary.json")));
            Assert.Equal(late, summary.RootElement.GetProperty("reorderedTrades").GetInt64());
            Assert.Equal(0, summary.RootElement.GetProperty("droppedLateTrades").GetInt64());
            Assert.Equal(0, summary.RootElement.GetProperty("idGaps").GetInt64());
        }, iter: 3, threads: 1, print: t => $"seed {t.Item1}, {t.Item2}% in order");
    }

    private static (string Header, List<string> Lines) ReadSample()
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(CliHarness.SampleTrades), CompressionMode.Decompress));
        string header = reader.ReadLine()!;
        var lines = new List<string>();
        while (reader.ReadLine() is string line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return (header, lines);
    }

    private string Replay(string name, string header, IEnumerable<string> lines)
    {
        string csv = Path.Combine(_dir, name + ".csv");
        File.WriteAllLines(csv, [header, .. lines]);
        string run = Path.Combine(_dir, name);
        (int exit, _, string error) = CliHarness.Run(["replay", csv, "--config", CliHarness.SampleConfig, "--out", run, .. CliHarness.Unpinned, .. CliHarness.AsFastAsPossible]);
        Assert.True(exit == ExitCodes.Ok, error);
        return run;
    }
}
