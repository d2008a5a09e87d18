using System.CommandLine;
using Engine.Binance.Recording;
using Engine.Cli.Run;
using Engine.Model;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine convert &lt;files…&gt; --out FILE</c>: trade inputs (CSVs, recorded frames, recordings) to one binary
/// recording, the fastest input to replay. Every symbol of the inputs is kept (a symbol column, a file name prefix,
/// or the configured symbol for files that name none); <c>--symbol</c> names the symbol of files without a symbol
/// column whatever their names say.
/// </summary>
public static class ConvertCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var files = new Argument<string[]>("files") { Description = "Trade inputs, written in order", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The recording to write", Required = true };
        var symbol = new Option<string?>("--symbol")
        {
            Description = "The symbol of the trades in files that do not name one in a column (whatever the file name says); same as --set Symbol:Name=SYMBOL",
        };
        var command = new Command("convert", "Convert trade inputs to a binary recording (ENGREC01)");
        command.Add(files);
        command.Add(output);
        command.Add(symbol);
        command.SetAction(parse =>
        {
            string? tradedSymbol = parse.GetValue(symbol);
            var extra = tradedSymbol is null ? [] : new List<(string, string, string)> { ("Symbol:Name", tradedSymbol.Trim().ToUpperInvariant(), "--symbol") };
            var (options, _) = shared.Load(parse, context, extra);
            string target = parse.GetValue(output)!;
            var inputs = (parse.GetValue(files) ?? []).Select(f => new ReplayInput(f, InputDetector.Detect(f))).ToList();
            if (inputs.FirstOrDefault(i => i.Kind == InputKind.AggregatedCsv) is ReplayInput rows)
            {
                throw new InvalidDataException($"{rows.Path}: aggregated rows are not trades; a recording holds trades only");
            }

            long written = RecordingConverter.Convert(inputs, options.Symbol.Name.ToUpperInvariant(), target, out long skipped, symbolGiven: tradedSymbol is not null);
            if (skipped > 0)
            {
                context.Output.WriteLine($"{skipped} events skipped (not trades of a symbol the recording holds)");
            }

            context.Output.WriteLine($"{written} trades → {Path.GetFullPath(target)}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
