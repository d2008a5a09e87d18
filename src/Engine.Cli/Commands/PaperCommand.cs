using System.CommandLine;
using System.Globalization;
using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Ring;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine paper --symbols A[,B…] [--endpoint URL] [--out DIR | --resume DIR] [--duration T] [--engine-cpu N] [--wait KIND]</c>:
/// live market data through the full pipeline with the paper venue, into a run directory like a replay's; prints
/// the verdict and the report's path last.
/// </summary>
public static class PaperCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var symbols = new Option<string>("--symbols") { Description = "Symbols to trade, comma-separated (BTCUSDT,ETHUSDT)", Required = true };
        var endpoint = new Option<string?>("--endpoint")
        {
            Description = "One base for every REST and WS path (http://127.0.0.1:PORT for engine sim); default: Binance:Network's hosts (production market data)",
        };
        var output = new Option<string?>("--out") { Description = "Run directory (default: runs/<UTC timestamp>)" };
        var resume = new Option<string?>("--resume")
        {
            Description = "Continue the run in this directory from its event journal (state rebuilt, outputs kept once); a directory without a journal starts a new run there",
        };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long: seconds (90) or with a unit (90s, 15m, 2h); default: until Ctrl-C / SIGTERM" };
        var engineCpu = new Option<int?>("--engine-cpu") { Description = "CPU to pin the engine thread to (-1: unpinned); same as --set Runtime:EngineCpu=N (default: chosen from the core count)" };
        var wait = new Option<WaitStrategyKind?>("--wait") { Description = "Engine thread wait strategy; same as --set Runtime:WaitStrategy=KIND (default: chosen from the core count)" };

        var command = new Command("paper", "Paper-trade live market data (Binance USD-M, or engine sim) through the full pipeline");
        command.Add(symbols);
        command.Add(endpoint);
        command.Add(output);
        command.Add(resume);
        command.Add(duration);
        command.Add(engineCpu);
        command.Add(wait);
        command.SetAction(parse =>
        {
            IReadOnlyList<string> names = PaperSymbols.ParseList(parse.GetValue(symbols) ?? string.Empty);
            TimeSpan? runFor = parse.GetValue(duration) is string d ? PaperDuration.Parse(d) : null;
            var extra = new List<(string, string, string)>();
            if (parse.GetValue(engineCpu) is int cpu)
            {
                extra.Add(("Runtime:EngineCpu", cpu.ToString(CultureInfo.InvariantCulture), "--engine-cpu"));
            }

            if (parse.GetValue(wait) is WaitStrategyKind kind)
            {
                extra.Add(("Runtime:WaitStrategy", kind.ToString(), "--wait"));
            }

            string? resumeDir = parse.GetValue(resume);
            string? outDir = parse.GetValue(output);
            if (resumeDir is not null && outDir is not null && Path.GetFullPath(resumeDir) != Path.GetFullPath(outDir))
            {
                throw new ConfigurationException($"--resume {resumeDir} and --out {outDir}: a resumed run continues in its own directory; give one of them");
            }

            var (options, effective) = shared.Load(parse, context, extra);
            var request = new PaperRequest
            {
                Symbols = names,
                Options = options,
                Effective = effective,
                Endpoint = parse.GetValue(endpoint),
                OutputDirectory = resumeDir ?? outDir,
                Resume = resumeDir is not null,
                Duration = runFor,
                Feed = context.PaperFeed ?? BinancePaperFeed.Create,
            };
            ReplayOutcome outcome = PaperRunner.Run(request, context.Output, context.Error, context.Interactive, context.StopReason, context.Stop);
            foreach (string line in outcome.Verdict)
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine(outcome.ReportPath);
            return outcome.ExitCode;
        });
        return command;
    }
}
