using System.CommandLine;
using Engine.Cli.Commands;
using Engine.Cli.Configuration;

namespace Engine.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        var configOption = new Option<string?>("--config") { Description = "JSON configuration file", Recursive = true };
        var setOption = new Option<string[]>("--set")
        {
            Description = "Override a setting: Section:Name=Value (repeatable)",
            Recursive = true,
            AllowMultipleArgumentsPerToken = false,
        };

        var root = new RootCommand("Engine: a low-latency trading engine for Binance order flow");
        root.Add(configOption);
        root.Add(setOption);
        root.Add(ConfigShowCommand.Create(configOption, setOption));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"engine: {error.Message}");
            }

            return ExitCodes.ConfigurationError;
        }

        try
        {
            // Our own handler: exit codes are part of the contract, and a stack trace is not a message.
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (ConfigurationException ex)
        {
            Console.Error.WriteLine($"engine: {ex.Message}");
            return ExitCodes.ConfigurationError;
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or DirectoryNotFoundException)
        {
            Console.Error.WriteLine($"engine: bad input: {ex.Message}");
            return ExitCodes.BadInput;
        }
#pragma warning disable CA1031 // the last line of defence: report any fault with its type, never crash silently
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"engine: internal fault: {ex}");
            return ExitCodes.InternalFault;
        }
    }
}
