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

    /// <summary>
    /// Refuses an argument that looks like an option but is none of the command's (System.CommandLine takes it for an
    /// input file): a usage error, not a missing file.
    /// </summary>
    public static void RejectUnknownOptions(IEnumerable<string> files, string command)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (string f in files)
        {
            if (f.StartsWith('-') && f.Length > 1 && !File.Exists(f))
            {
                throw new ConfigurationException($"{f}: not an option of 'engine {command}' (see 'engine {command} --help')");
            }
        }
    }

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
