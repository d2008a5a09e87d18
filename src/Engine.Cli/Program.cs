using System.CommandLine;
using Engine.Cli.Commands;
using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Cli.Status;

namespace Engine.Cli;

/// <summary>The <c>engine</c> command: replay, convert, report, config show, sim, record, ctl, paper, live. Exit codes: <see cref="ExitCodes"/>.</summary>
public static class Program
{
    private static int Main(string[] args)
    {
        using var stop = new StopSignal();
        var context = new CommandContext(Console.Out, Console.Error, () => stop.Reason, StatusReporter.IsInteractiveConsole, stop.Token);
        return Run(args, context);
    }

    /// <summary>Runs one command line with the given writers and stop token (tests call this in-process).</summary>
    public static int Run(string[] args, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var shared = new SharedOptions();
        var root = new RootCommand("Engine: a low-latency trading engine for Binance order flow");
        root.Add(shared.Config);
        root.Add(shared.Set);
        root.Add(ReplayCommand.Create(shared, context));
        root.Add(ConvertCommand.Create(shared, context));
        root.Add(ReportCommand.Create(context));
        root.Add(ConfigShowCommand.Create(shared, context));
        root.Add(SimCommand.Create(shared, context));
        root.Add(RecordCommand.Create(context));
        root.Add(CtlCommand.Create(context));
        root.Add(PaperCommand.Create(shared, context));
        root.Add(LiveCommand.Create(shared, context));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                context.Error.WriteLine($"engine: {error.Message}");
            }

            return ExitCodes.ConfigurationError;
        }

        try
        {
            // Our own handler: exit codes are part of the contract, and a stack trace is not a message.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = context.Output, Error = context.Error });
        }
        catch (ConfigurationException ex)
        {
            context.Error.WriteLine($"engine: {ex.Message}");
            return ExitCodes.ConfigurationError;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            context.Error.WriteLine($"engine: bad input: {ex.Message}");
            return ExitCodes.BadInput;
        }
        catch (Engine.Binance.ExchangeInfo.ExchangeInfoUnavailableException ex)
        {
            context.Error.WriteLine($"engine: venue unavailable: {ex.Message}");
            return ExitCodes.VenueUnavailable;
        }
        catch (StartRefusedException ex)
        {
            context.Error.WriteLine($"engine: refusing to trade: {ex.Message}");
            return ExitCodes.StartRefused;
        }
        catch (OutputException ex)
        {
            context.Error.WriteLine($"engine: cannot write output: {ex.Message}");
            return ExitCodes.OutputError;
        }
#pragma warning disable CA1031 // the last line of defence: report any fault with its type, never crash silently
        catch (Exception ex)
#pragma warning restore CA1031
        {
            context.Error.WriteLine($"engine: internal fault: {ex}");
            return ExitCodes.InternalFault;
        }
    }
}
