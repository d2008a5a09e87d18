using System.CommandLine;
using Engine.Binance.Recording;
using Engine.Cli.Run;
using Engine.Model;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine convert &lt;files…&gt; --out FILE</c>: trade inputs (CSVs, recorded frames, recordings) to one binary
/// recording, the fastest input to replay. Every symbol of the inputs is kept (a symbol column, a file name prefix,
/// or the configured symbol for files that name none).
/// </summary>
public static class ConvertCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var files = new Argument<string[]>("files") { Description = "Trade inputs, written in order", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The recording to write", Required = true };
        var command = new Command("convert", "Convert trade inputs to a binary recording (ENGREC01)");
        command.Add(files);
        command.Add(output);
        command.SetAction(parse =>
        {
            var (options, _) = shared.Load(parse, context);
            string target = parse.GetValue(output)!;
            var inputs = (parse.GetValue(files) ?? []).Select(f => new ReplayInput(f, InputDetector.Detect(f))).ToList();
            if (inputs.FirstOrDefault(i => i.Kind == InputKind.AggregatedCsv) is ReplayInput rows)
            {
                throw new InvalidDataException($"{rows.Path}: aggregated rows are not trades; a recording holds trades only");
            }

            long written = RecordingConverter.Convert(inputs, options.Symbol.Name.ToUpperInvariant(), target);
            context.Output.WriteLine($"{written} trades → {Path.GetFullPath(target)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
