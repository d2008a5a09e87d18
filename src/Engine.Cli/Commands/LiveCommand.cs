using System.CommandLine;
using Engine.Cli.Configuration;
using Engine.Cli.Run;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine live --symbols A[,B…] [--endpoint URL] [--out DIR | --resume DIR] [--duration T] [--i-understand-this-trades-real-money]</c>:
/// live market data and real orders on the venue of <c>Venue:Environment</c> (the testnet by default), into a run
/// directory like a paper run's; prints the verdict and the report's path last.
/// </summary>
public static class LiveCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var symbols = new Option<string>("--symbols") { Description = "Symbols to trade, comma-separated (BTCUSDT,ETHUSDT)", Required = true };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "One base for every REST and WS path (http://127.0.0.1:PORT for engine sim); makes Venue:Environment Custom",
        };
        var output = new Option<string?>("--out") { Description = "Run directory (default: runs/<UTC timestamp>)" };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this directory: state rebuilt from its event journal, then reconciled with the venue" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long: seconds (90) or with a unit (90s, 15m, 2h); default: until Ctrl-C / SIGTERM" };
        var realMoney = new Option<bool>(LiveVenue.RealMoneyFlag)
        {
            Description = "Required with Venue:Environment=Production, or an --endpoint that is neither loopback nor a Binance testnet host",
        };

        var command = new Command("live", "Trade live: market data and orders on Binance USD-M (testnet by default) or engine sim");
        command.Add(symbols);
        command.Add(endpoint);
        command.Add(output);
        command.Add(resume);
        command.Add(duration);
        command.Add(realMoney);
        command.SetAction(parse =>
        {
            IReadOnlyList<string> names = PaperSymbols.ParseList(parse.GetValue(symbols) ?? string.Empty);
            TimeSpan? runFor = parse.GetValue(duration) is string d ? PaperDuration.Parse(d) : null;
            string? resumeDir = parse.GetValue(resume);
            string? outDir = parse.GetValue(output);
            if (resumeDir is not null && outDir is not null && Path.GetFullPath(resumeDir) != Path.GetFullPath(outDir))
            {
                throw new ConfigurationException($"--resume {resumeDir} and --out {outDir}: a resumed run continues in its own directory; give one of them");
            }

            var (options, effective) = shared.Load(parse, context);
            var request = new LiveRequest
            {
                Symbols = names,
                Options = options,
                Effective = effective,
                Endpoint = parse.GetValue(endpoint),
                RealMoneyAllowed = parse.GetValue(realMoney),
                OutputDirectory = resumeDir ?? outDir,
                Resume = resumeDir is not null,
                Duration = runFor,
                Environment = Variables(context),
                Feed = context.PaperFeed ?? BinancePaperFeed.Create,
            };
            ReplayOutcome outcome = LiveRunner.Run(request, context.Output, context.Error, context.Interactive, context.StopReason, context.Stop);
            foreach (string line in outcome.Verdict)
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine(outcome.ReportPath);
            return outcome.ExitCode;
        });
        return command;
    }

    /// <summary>The API key variables: the context's environment when a test gives one, the process's otherwise.</summary>
    private static Func<string, string?> Variables(CommandContext context)
    {
        if (context.Environment is { } pairs)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> p in pairs)
            {
                map[p.Key] = p.Value;
            }

            return name => map.TryGetValue(name, out string? v) ? v : null;
        }

        return Environment.GetEnvironmentVariable;
    }
}
