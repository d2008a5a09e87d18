using System.CommandLine;
using Engine.Cli.Configuration;
using Engine.Cli.Record;
using Engine.Cli.Run;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine record --symbols A[,B…] --out FILE [--streams aggTrade,trade,markPrice,bookTicker] [--duration T] [--endpoint URL]</c>:
/// captures market frames as <c>&lt;local_ns&gt; &lt;json&gt;</c> lines in gzip files, one per UTC hour (the hour inserted
/// before FILE's extension), the recorded-frame input <c>engine replay</c> reads. Ends on SIGTERM/Ctrl-C or after the
/// duration, with every file a whole gzip.
/// </summary>
public static class RecordCommand
{
    public static Command Create(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var symbols = new Option<string>("--symbols") { Description = "Symbols to record, comma-separated (BTCUSDT,ETHUSDT)", Required = true };
        var output = new Option<string>("--out") { Description = "The file to write; each UTC hour goes to FILE with the hour before its extension (btc.gz → btc.2026-12-05T13.gz)", Required = true };
        var streams = new Option<string>("--streams") { Description = "Streams per symbol, comma-separated: aggTrade, trade, markPrice, bookTicker", DefaultValueFactory = _ => "aggTrade" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long: seconds (90) or with a unit (90s, 15m, 2h); default: until SIGTERM/Ctrl-C" };
        var endpoint = new Option<string>("--endpoint") { Description = "Market data base URL (http://127.0.0.1:PORT for engine sim)", DefaultValueFactory = _ => "wss://fstream.binance.com" };
        var command = new Command("record", "Record Binance USD-M market frames to hourly gzip files that engine replay reads");
        foreach (Option o in new Option[] { symbols, output, streams, duration, endpoint })
        {
            command.Add(o);
        }

        command.SetAction(parse =>
        {
            RecordRequest request = ToRequest(parse.GetValue(symbols)!, parse.GetValue(output)!, parse.GetValue(streams)!, parse.GetValue(duration), parse.GetValue(endpoint)!);
            try
            {
                RecordRunner.RunAsync(request, writer => Source(request, writer, context.Output), context.Output, context.Stop).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is (IOException and not OutputException) or UnauthorizedAccessException)
            {
                throw new OutputException($"--out {request.OutputPath}: {e.Message}", e);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Checks and normalises the options; a bad one is a configuration error (exit 2).</summary>
    public static RecordRequest ToRequest(string symbols, string output, string streams, string? duration, string endpoint)
    {
        string[] names = Split(symbols);
        if (names.Length == 0 || names.Any(s => s.Length is < 2 or > 20 || !s.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ConfigurationException($"--symbols {symbols}: expected symbols like BTCUSDT,ETHUSDT");
        }

        string[] kinds = Split(streams);
        if (kinds.Length == 0 || kinds.Any(k => !RecordStreams.Known.ContainsKey(k)))
        {
            throw new ConfigurationException($"--streams {streams}: expected some of {string.Join(", ", RecordStreams.Known.Keys)}");
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            throw new ConfigurationException($"--endpoint {endpoint}: not an absolute URL");
        }

        if (!RecordStreams.IsUsable(uri))
        {
            throw new ConfigurationException($"--endpoint {endpoint}: expected an http, https, ws or wss URL");
        }

        if (string.IsNullOrWhiteSpace(output) || Directory.Exists(output))
        {
            throw new ConfigurationException($"--out {output}: expected a file name (the hour goes before its extension)");
        }

        return new RecordRequest
        {
            Symbols = [.. names.Select(s => s.ToUpperInvariant()).Distinct()],
            OutputPath = output,
            Streams = [.. kinds.Select(k => RecordStreams.Known.Keys.First(n => n.Equals(k, StringComparison.OrdinalIgnoreCase))).Distinct()],
            Duration = duration is null ? null : PaperDuration.Parse(duration),
            Endpoint = uri,
        };
    }

    private static FeedRecordSource Source(RecordRequest request, RotatingFrameWriter writer, TextWriter output)
    {
        var source = new FeedRecordSource(request, writer);
        output.WriteLine($"record: {string.Join(",", request.Symbols)} × {string.Join(",", request.Streams)} on {source.Connections.Count} connection(s) to {request.Endpoint}; writing {request.OutputPath} by the hour");
        return source;
    }

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
