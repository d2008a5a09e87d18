using System.Collections;

namespace Engine.Cli.Configuration;

/// <summary>
/// Loads <see cref="EngineOptions"/> from a JSON file, the environment and the command line (later wins), rejects
/// unknown keys and invalid values with messages naming the key, the value and what is allowed.
/// </summary>
public static class EngineConfigurationLoader
{
    public static (EngineOptions Options, IReadOnlyList<ConfigEntry> Effective) Load(
        string? configFile,
        IEnumerable<KeyValuePair<string, string>> environment,
        IEnumerable<(string Key, string Value, string Option)> commandLine)
    {
        var options = new EngineOptions();
        var settings = new LayeredSettings();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new ConfigurationException($"--config {configFile}: no such file");
            }

            settings.AddJsonFile(configFile);
        }

        settings.AddEnvironment(environment, BareAliases(options));
        foreach ((string key, string value, string option) in commandLine)
        {
            settings.AddCommandLine(key, value, option);
        }

        var errors = new List<string>();
        var consumed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, object section, _) in options.Sections())
        {
            OptionsBinder.Bind(settings, name, section, errors, consumed);
        }

        foreach (ConfigEntry entry in settings.Entries.Where(e => !consumed.Contains(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            errors.Add($"{entry.Key} ({entry.Origin}): unknown setting; `engine config show` lists every key");
        }

        if (errors.Count == 0)
        {
            options.Validate(errors);
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException("invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors)) { Errors = errors };
        }

        var effective = options.Sections().SelectMany(s => OptionsBinder.Describe(settings, s.Name, s.Options)).ToList();
        return (options, effective);
    }

    /// <summary>The process environment as pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ProcessEnvironment()
    {
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            yield return new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? string.Empty);
        }
    }

    private static Dictionary<string, string> BareAliases(EngineOptions options)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string name, object section, bool bare) in options.Sections())
        {
            if (!bare)
            {
                continue;
            }

            foreach (var property in OptionsBinder.BindableProperties(section.GetType()))
            {
                aliases[OptionsBinder.ToUpperSnake(property.Name)] = $"{name}:{property.Name}";
            }
        }

        return aliases;
    }
}
