using System.CommandLine;
using Engine.Cli.Configuration;

namespace Engine.Cli.Commands;

/// <summary><c>engine config show</c>: the effective configuration and where each value came from.</summary>
public static class ConfigShowCommand
{
    public static Command Create(SharedOptions shared, CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(context);
        var show = new Command("show", "Print the effective configuration and where each value came from");
        show.SetAction(parse =>
        {
            var (_, effective) = shared.Load(parse, context);
            int width = effective.Max(e => e.Key.Length);
            int valueWidth = Math.Min(40, effective.Max(e => e.Value.Length));
            foreach (ConfigEntry e in effective)
            {
                context.Output.WriteLine($"{e.Key.PadRight(width)}  {e.Value.PadRight(valueWidth)}  {e.Origin}");
            }

            return ExitCodes.Ok;
        });

        var config = new Command("config", "Inspect the configuration");
        config.Add(show);
        return config;
    }
}
