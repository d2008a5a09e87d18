using System.CommandLine;
using System.Globalization;
using Engine.Cli.Run;
using Engine.Pipeline;
using Engine.Sim;
using Engine.Sim.Faults;
using Engine.Sim.Tape;
using Engine.Sim.Trading;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine sim &lt;files…&gt; [--port N] [--speed X] [--faults FILE] [--accounts FILE] [--linger SECONDS] [--no-wait] [--out DIR]</c>:
/// a loopback Binance USD-M exchange on 127.0.0.1 that plays the inputs as its market. The first stdout line is
/// exactly <c>sim: listening http://127.0.0.1:&lt;port&gt;</c>. Exits 0 after the tape plus the linger, or on SIGTERM/Ctrl-C.
/// </summary>
public static class SimCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var files = new Argument<string[]>("files") { Description = "The market to play: trade/aggTrade CSVs, recorded frames, binary recordings", Arity = ArgumentArity.OneOrMore };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0: any free port, named in the first line)", DefaultValueFactory = _ => 0 };
        var speed = new Option<double>("--speed") { Description = "Tape time runs at recorded speed × X", DefaultValueFactory = _ => 1 };
        var faults = new Option<string?>("--faults") { Description = "JSON file of faults to inject, one object per section, e.g. {\"Market\":{\"DisconnectEverySeconds\":45}}" };
        var accounts = new Option<string?>("--accounts") { Description = "JSON file of accounts {\"accounts\":[{\"apiKey\",\"secretKey\",\"ed25519PublicKey\",\"balances\"}]}; a test account when absent" };
        var linger = new Option<double>("--linger") { Description = "Seconds to stay up after the tape ends", DefaultValueFactory = _ => 5 };
        var noWait = new Option<bool>("--no-wait") { Description = "Start the tape at once (default: hold at the first trade until the first market-data subscription)" };
        var output = new Option<string?>("--out") { Description = "Directory for the sim's run report" };
        var symbol = new Option<string?>("--symbol") { Description = "The symbol of trades in files that do not name one; same as --set Symbol:Name=SYMBOL" };
        var command = new Command("sim", "Serve a loopback Binance USD-M exchange that plays the inputs as its market");
        foreach (Option o in new Option[] { port, speed, faults, accounts, linger, noWait, output, symbol })
        {
            command.Add(o);
        }

        command.Add(files);
        command.SetAction(parse =>
        {
            string[] paths = parse.GetValue(files) ?? [];
            SharedOptions.RejectUnknownOptions(paths, "sim");
            string? tradedSymbol = parse.GetValue(symbol);
            var extra = tradedSymbol is null ? [] : new List<(string, string, string)> { ("Symbol:Name", tradedSymbol.Trim().ToUpperInvariant(), "--symbol") };
            var (engineOptions, _) = shared.Load(parse, context, extra);
            var options = new SimOptions
            {
                Port = parse.GetValue(port),
                Speed = parse.GetValue(speed),
                LingerSeconds = parse.GetValue(linger),
                NoWait = parse.GetValue(noWait),
                AccountsFile = parse.GetValue(accounts),
            };
            Validate(options);
            SimAccounts simAccounts = LoadAccounts(options.AccountsFile);
            SimFaults injected = parse.GetValue(faults) is string faultsFile ? SimFaults.Load(faultsFile) : new SimFaults();
            var inputs = paths.Select(f => new ReplayInput(f, InputDetector.Detect(f))).ToList();
            if (inputs.FirstOrDefault(i => i.Kind == InputKind.AggregatedCsv) is ReplayInput rows)
            {
                throw new InvalidDataException($"{rows.Path}: aggregated rows are not trades; the sim plays trades");
            }

            SimTape tape = LoadTape(inputs, engineOptions.Symbol.Name.ToUpperInvariant(), tradedSymbol is not null, engineOptions.Run.IntervalSeconds * 1000L);
            return Serve(new SimExchange(options, tape, injected) { Accounts = simAccounts }, parse.GetValue(output), context);
        });
        return command;
    }

    /// <summary>Reads every trade of the inputs, keeping every symbol they name.</summary>
    public static SimTape LoadTape(IReadOnlyList<ReplayInput> inputs, string configuredSymbol, bool symbolGiven, long intervalMs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var registry = InputDetector.SymbolsOf(inputs, configuredSymbol, symbolGiven);
        var feeds = inputs.Select(i => InputDetector.Open(i.Path, i.Kind, registry, new Model.SymbolId(0), intervalMs, symbolGiven: symbolGiven)).ToList();
        try
        {
            return SimTape.Load(feeds, registry);
        }
        finally
        {
            foreach (IInputFeed feed in feeds)
            {
                (feed as IDisposable)?.Dispose();
            }
        }
    }

    private static int Serve(SimExchange exchange, string? outDir, CommandContext context)
    {
        SimServer server = SimServer.StartAsync(exchange, context.Stop).GetAwaiter().GetResult();
        try
        {
            context.Output.WriteLine(server.ListeningLine);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sim: tape of {exchange.Tape.Count:N0} trades, {exchange.Tape.Symbols.Count} symbol(s), speed ×{exchange.Options.Speed}; {(exchange.Options.NoWait ? "playing" : "holding at the first trade until the first market-data subscription")}"));
            foreach (string line in exchange.StartupLines())
            {
                context.Output.WriteLine(line);
            }

            context.Output.Flush();
            try
            {
                exchange.TapeEnded.WaitAsync(context.Stop).GetAwaiter().GetResult();
                Task.Delay(TimeSpan.FromSeconds(exchange.Options.LingerSeconds), context.Stop).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                context.Output.WriteLine($"sim: stopping ({context.StopReason() ?? "stop requested"})");
            }

            if (outDir is not null)
            {
                SimReport.Write(outDir, exchange);
                context.Output.WriteLine($"sim: report in {outDir}");
            }

            return ExitCodes.Ok;
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The accounts of <c>--accounts</c> (a bad file is a configuration error, exit code 2), else the made-up test account.</summary>
    private static SimAccounts LoadAccounts(string? path)
    {
        try
        {
            return SimAccounts.LoadOrDefault(path);
        }
        catch (InvalidDataException e)
        {
            throw new Configuration.ConfigurationException($"--accounts: {e.Message}");
        }
    }

    private static void Validate(SimOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            throw new Configuration.ConfigurationException($"--port {options.Port}: must be 0 (any free port) to 65535");
        }

        if (!(options.Speed > 0) || double.IsInfinity(options.Speed))
        {
            throw new Configuration.ConfigurationException($"--speed {options.Speed}: must be a number above 0");
        }

        if (!(options.LingerSeconds >= 0) || double.IsInfinity(options.LingerSeconds))
        {
            throw new Configuration.ConfigurationException($"--linger {options.LingerSeconds}: must be 0 or more seconds");
        }
    }
}
