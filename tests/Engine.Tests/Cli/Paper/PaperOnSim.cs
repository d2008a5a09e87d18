using System.Globalization;
using Engine.Cli.Commands;
using Engine.Cli.Run;
using Engine.Model;
using Engine.Sim;
using Engine.Sim.Tape;

namespace Engine.Tests.Cli.Paper;

/// <summary>
/// <c>engine paper</c> run through the command (Program.Run, Binance's feed as the command makes it) against an
/// in-process sim, on a thread of its own until <see cref="StopAsync"/>; the feed is kept so a test can wait on its figures.
/// </summary>
internal sealed class PaperOnSim
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly Task<int> _run;
    private IPaperFeed? _feed;

    private PaperOnSim(SimServer sim, string directory, string[] extra)
    {
        Directory = directory;
        var context = new CommandContext(TextWriter.Synchronized(_output), TextWriter.Synchronized(_error), () => "the test, at the tape's end", Interactive: false, _stop.Token)
        {
            Environment = [],
            PaperFeed = c =>
            {
                IPaperFeed made = BinancePaperFeed.Create(c);
                Volatile.Write(ref _feed, made);
                return made;
            },
        };
        _run = Task.Run(() => Engine.Cli.Program.Run(["paper", "--symbols", "BTCUSDT", "--endpoint", sim.BaseAddress.ToString(),
            "--config", CliHarness.SampleConfig, "--out", directory, .. CliHarness.Unpinned, .. extra], context));
    }

    public string Directory { get; }

    /// <summary>The feed's figures now; null before the command made the feed.</summary>
    public FeedFigures? Figures => Volatile.Read(ref _feed)?.Figures();

    public bool Ended => _run.IsCompleted;

    /// <summary>What the command printed so far (console and errors).</summary>
    public string Console => _error.ToString() + _output.ToString();

    public static PaperOnSim Start(SimServer sim, string directory, params string[] extra) => new(sim, directory, extra);

    /// <summary>Stops the run as Ctrl-C does and returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan wait)
    {
        await _stop.CancelAsync();
        int exit = await _run.WaitAsync(wait);
        _stop.Dispose();
        return exit;
    }

    public string PathOf(string file) => Path.Combine(Directory, file);

    /// <summary>The first <paramref name="milliseconds"/> of the bundled sample (raw trades; the sim aggregates them for @aggTrade).</summary>
    public static SimTape SampleSlice(long milliseconds)
    {
        SimTape whole = SimCommand.LoadTape([new ReplayInput(CliHarness.SampleTrades, InputKind.TradeCsv)], "BTCUSDT", symbolGiven: true, intervalMs: 1000);
        long end = whole.FirstTradeTimeMs + milliseconds;
        var slice = new List<Trade>();
        foreach (Trade t in whole.Trades)
        {
            if (t.TradeTimeMs < end)
            {
                slice.Add(t);
            }
        }

        return SimTape.Of(slice, whole.Symbols);
    }

    /// <summary>Lines of a file another thread is appending to; 0 while it does not exist.</summary>
    public static int LineCount(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            int lines = 0;
            while (reader.ReadLine() is not null)
            {
                lines++;
            }

            return lines;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The report's feed table (Live feed section): column name → value.</summary>
    public static Dictionary<string, long> FeedRow(string report)
    {
        string[] lines = report.Split('\n');
        int header = Array.FindIndex(lines, l => l.StartsWith("| Frames |", StringComparison.Ordinal));
        Assert.True(header >= 0, report);
        string[] names = lines[header].Trim('|', ' ', '\r').Split('|', StringSplitOptions.TrimEntries);
        string[] values = lines[header + 2].Trim('|', ' ', '\r').Split('|', StringSplitOptions.TrimEntries);
        return names.Zip(values).ToDictionary(p => p.First, p => long.Parse(p.Second, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }
}
