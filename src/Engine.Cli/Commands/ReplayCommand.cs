using System.CommandLine;
using System.Globalization;
using Engine.Cli.Run;
using Engine.Ring;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine replay &lt;files…&gt; [--out DIR] [--speed X] [--repeat N] [--engine-cpu N] [--wait KIND]</c>:
/// recorded input through the full pipeline with the paper venue, into a run directory; prints the report's path last.
/// </summary>
public static class ReplayCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var files = new Argument<string[]>("files")
        {
            Description = "Trade/aggTrade CSVs (.csv, .gz, .zip), recorded frames, aggregated.csv or ENGREC01 recordings, played in order",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string?>("--out") { Description = "Run directory (default: runs/<UTC timestamp>)" };
        var speed = new Option<double?>("--speed") { Description = "Play at recorded speed × X (default: as fast as possible)" };
        var repeat = new Option<int>("--repeat") { Description = "Play the input N times back to back, times and ids shifted", DefaultValueFactory = _ => 1 };
        var engineCpu = new Option<int?>("--engine-cpu") { Description = "CPU to pin the engine thread to (-1: unpinned); same as --set Runtime:EngineCpu=N" };
        var wait = new Option<WaitStrategyKind?>("--wait") { Description = "Engine thread wait strategy; same as --set Runtime:WaitStrategy=KIND" };

        var command = new Command("replay", "Replay recorded trades through the full pipeline with the paper venue");
        command.Add(files);
        command.Add(output);
        command.Add(speed);
        command.Add(repeat);
        command.Add(engineCpu);
        command.Add(wait);
        command.SetAction(parse =>
        {
            var extra = new List<(string, string, string)>();
            if (parse.GetValue(engineCpu) is int cpu)
            {
                extra.Add(("Runtime:EngineCpu", cpu.ToString(CultureInfo.InvariantCulture), "--engine-cpu"));
            }

            if (parse.GetValue(wait) is WaitStrategyKind kind)
            {
                extra.Add(("Runtime:WaitStrategy", kind.ToString(), "--wait"));
            }

            var (options, effective) = shared.Load(parse, context, extra);
            var request = new ReplayRequest
            {
                Files = parse.GetValue(files) ?? [],
                Options = options,
                Effective = effective,
                OutputDirectory = parse.GetValue(output),
                Speed = parse.GetValue(speed),
                Repeat = parse.GetValue(repeat),
            };
            string report = ReplayRunner.Run(request, context.Output, context.Error, context.Interactive, context.StopReason, context.Stop);
            context.Output.WriteLine(report);
            return ExitCodes.Ok;
        });
        return command;
    }
}
