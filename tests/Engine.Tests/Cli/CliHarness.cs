using Engine.Cli;
using Engine.Cli.Commands;

namespace Engine.Tests.Cli;

/// <summary>Runs the <c>engine</c> command in-process with captured output and no environment variables.</summary>
public static class CliHarness
{
    public static string RepositoryRoot { get; } = LocateRoot();

    public static string SampleTrades => Path.Combine(RepositoryRoot, "src", "Engine.Cli", "Samples", "BTCUSDT-trades-ws-20240808T2354Z-20240808T2359Z.csv.gz");

    public static string SampleConfig => Path.Combine(RepositoryRoot, "src", "Engine.Cli", "Samples", "replay.json");

    /// <summary>Trades in the bundled sample, per its README (ids 5266583935 to 5266605247, no gaps).</summary>
    public const long SampleTradeCount = 5266605247 - 5266583935 + 1;

    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CommandContext(output, error, () => null, Interactive: false, CancellationToken.None) { Environment = [] };
        int exit = Engine.Cli.Program.Run(args, context);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Replays the bundled sample with its config into <paramref name="directory"/>, unpinned, memory unlocked, and as
    /// fast as possible unless <paramref name="extra"/> gives a <c>--speed</c> (the sample's config paces it at 20×).
    /// </summary>
    public static (int Exit, string Output, string Error) ReplaySample(string directory, params string[] extra) =>
        Run(["replay", SampleTrades, .. extra, "--config", SampleConfig, "--out", directory, .. Unpinned, .. (extra.Contains("--speed") ? [] : AsFastAsPossible)]);

    /// <summary>Overrides the sample config's pace: tests replay as fast as possible.</summary>
    public static string[] AsFastAsPossible => ["--speed", "max"];

    public static string[] Unpinned =>
        ["--set", "Runtime:EngineCpu=-1", "--set", "Runtime:FeedCpu=-1", "--set", "Runtime:LockMemory=false"];

    private static string LocateRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "src", "Engine.Cli", "Engine.Cli.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root not found above " + AppContext.BaseDirectory);
    }
}
