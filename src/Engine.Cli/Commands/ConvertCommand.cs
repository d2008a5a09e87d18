using System.CommandLine;
using Engine.Binance.Recording;
using Engine.Cli.Configuration;
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
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists (never one of the inputs)" };
        var command = new Command("convert", "Convert trade inputs to a binary recording (ENGREC01)");
        command.Add(files);
        command.Add(output);
        command.Add(symbol);
        command.Add(force);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            SharedOptions.RejectUnknownOptions(paths, "convert");
            string? tradedSymbol = parse.GetValue(symbol);
            var extra = tradedSymbol is null ? [] : new List<(string, string, string)> { ("Symbol:Name", tradedSymbol.Trim().ToUpperInvariant(), "--symbol") };
            var (options, _) = shared.Load(parse, context, extra);
            string target = parse.GetValue(output)!;
            CheckTarget(target, paths, parse.GetValue(force));
            var inputs = paths.Select(f => new ReplayInput(f, InputDetector.Detect(f))).ToList();
            if (inputs.FirstOrDefault(i => i.Kind == InputKind.AggregatedCsv) is ReplayInput rows)
            {
                throw new InvalidDataException($"{rows.Path}: aggregated rows are not trades; a recording holds trades only");
            }

            var problems = new List<string>();
            long written;
            long skipped;
            try
            {
                written = RecordingConverter.Convert(inputs, options.Symbol.Name.ToUpperInvariant(), target, out skipped, problems, symbolGiven: tradedSymbol is not null);
            }
            catch (Exception e) when (e is IOException and not (FileNotFoundException or DirectoryNotFoundException or OutputException) || e is UnauthorizedAccessException)
            {
                throw new OutputException($"--out {target}: {e.Message}", e);
            }

            foreach (string problem in problems)
            {
                context.Error.WriteLine($"engine: {problem}");
            }

            if (skipped > 0)
            {
                context.Output.WriteLine($"{skipped} events skipped (not trades of a symbol the recording holds)");
            }

            context.Output.WriteLine($"{written} trades → {Path.GetFullPath(target)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>An existing --out only with --force; never one of the inputs (compared as resolved full paths).</summary>
    private static void CheckTarget(string target, IEnumerable<string> inputs, bool force)
    {
        string resolved = Resolve(target);
        foreach (string input in inputs)
        {
            if (File.Exists(input) && string.Equals(Resolve(input), resolved, StringComparison.Ordinal))
            {
                throw new ConfigurationException($"--out {target}: is the input {input}; a conversion never replaces its own input");
            }
        }

        if (File.Exists(target) && !force)
        {
            throw new ConfigurationException($"--out {target}: already exists; add --force to replace it");
        }
    }

    private static string Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        return File.Exists(full) ? File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full : full;
    }
}
