using System.CommandLine;
using System.Globalization;
using Engine.Cli.Run;
using Engine.Ring;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine replay &lt;files…&gt; [--out DIR] [--speed X|max] [--symbol SYMBOL] [--repeat N] [--engine-cpu N] [--wait KIND]</c>:
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
        var speed = new Option<string?>("--speed")
        {
            Description = "Play at recorded speed × X, or 'max' (or 0) as fast as possible; same as --set Runtime:Speed=X (default: Runtime:Speed, 0)",
        };
        var symbol = new Option<string?>("--symbol")
        {
            Description = "The symbol of the trades in files that do not name one in a column (whatever the file name says); same as --set Symbol:Name=SYMBOL",
        };
        var repeat = new Option<int>("--repeat") { Description = "Play the input N times back to back, times and ids shifted", DefaultValueFactory = _ => 1 };
        var engineCpu = new Option<int?>("--engine-cpu") { Description = "CPU to pin the engine thread to (-1: unpinned); same as --set Runtime:EngineCpu=N" };
        var wait = new Option<WaitStrategyKind?>("--wait") { Description = "Engine thread wait strategy; same as --set Runtime:WaitStrategy=KIND" };

        var command = new Command("replay", "Replay recorded trades through the full pipeline with the paper venue");
        command.Add(files);
        command.Add(output);
        command.Add(speed);
        command.Add(symbol);
        command.Add(repeat);
        command.Add(engineCpu);
        command.Add(wait);
        command.SetAction(parse =>
        {
            SharedOptions.RejectUnknownOptions(parse.GetValue(files) ?? [], "replay");
            var extra = new List<(string, string, string)>();
            if (parse.GetValue(engineCpu) is int cpu)
            {
                extra.Add(("Runtime:EngineCpu", cpu.ToString(CultureInfo.InvariantCulture), "--engine-cpu"));
            }

            if (parse.GetValue(wait) is WaitStrategyKind kind)
            {
                extra.Add(("Runtime:WaitStrategy", kind.ToString(), "--wait"));
            }

            if (parse.GetValue(speed) is string pace)
            {
                extra.Add(("Runtime:Speed", SpeedSetting(pace), "--speed"));
            }

            string? tradedSymbol = parse.GetValue(symbol);
            if (tradedSymbol is not null)
            {
                extra.Add(("Symbol:Name", tradedSymbol.Trim().ToUpperInvariant(), "--symbol"));
            }

            var (options, effective) = shared.Load(parse, context, extra);
            var request = new ReplayRequest
            {
                Files = parse.GetValue(files) ?? [],
                Options = options,
                Effective = effective,
                OutputDirectory = parse.GetValue(output),
                Speed = options.Runtime.Speed > 0 ? options.Runtime.Speed : null,
                Repeat = parse.GetValue(repeat),
                SymbolGiven = tradedSymbol is not null,
            };
            ReplayOutcome outcome = ReplayRunner.RunWithVerdict(request, context.Output, context.Error, context.Interactive, context.StopReason, context.Stop);
            foreach (string line in outcome.Verdict)
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine(outcome.ReportPath);
            return outcome.ExitCode;
        });
        return command;
    }

    /// <summary><c>--speed</c> as the Runtime:Speed setting: a number, or <c>max</c> for 0 (as fast as possible).</summary>
    public static string SpeedSetting(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return "0";
        }

        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !(x >= 0) || double.IsInfinity(x))
        {
            throw new Configuration.ConfigurationException($"--speed {text}: must be a number above 0 (recorded speed × X), or max (or 0) for as fast as possible");
        }

        return x.ToString("R", CultureInfo.InvariantCulture);
    }
}
