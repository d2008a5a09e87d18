using System.CommandLine;
using Engine.Cli.Configuration;

namespace Engine.Cli.Commands;

/// <summary>The options every command shares (<c>--config</c>, <c>--set</c>) and the loading of the configuration from them.</summary>
public sealed class SharedOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "JSON configuration file", Recursive = true };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a setting: Section:Name=Value (repeatable)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public (EngineOptions Options, IReadOnlyList<ConfigEntry> Effective) Load(ParseResult parse, CommandContext context, IEnumerable<(string Key, string Value, string Option)>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(context);
        var commandLine = CommandLineOverrides.Parse(parse.GetValue(Set) ?? []).ToList();
        if (extra is not null)
        {
            commandLine.AddRange(extra);
        }

        return EngineConfigurationLoader.Load(parse.GetValue(Config), context.Environment, commandLine);
    }
}
