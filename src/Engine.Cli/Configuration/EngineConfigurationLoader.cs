using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace Engine.Cli.Configuration;

/// <summary>
/// Loads <see cref="EngineOptions"/> through Microsoft.Extensions.Configuration: a JSON file, then the environment
/// (<c>ENGINE_Section__Key</c>, and the original scripts' names), then the command line, each later source winning,
/// bound by the configuration binder. Rejects unknown keys and invalid values with messages naming the key, the
/// value, the source it came from and what is allowed.
/// </summary>
public static class EngineConfigurationLoader
{
    /// <summary>Prefix of environment variables that address any key: <c>ENGINE_Risk__RiskPct=0.01</c>.</summary>
    public const string EnvironmentPrefix = "ENGINE_";

    /// <param name="configFile">A JSON file, or null.</param>
    /// <param name="environment">
    /// Null reads the process environment (<c>ENGINE_</c> variables through the library's provider, original names
    /// through <see cref="OriginalNamesConfigurationSource"/>). Given variables replace it, for the original names
    /// only: tests pass them so that no test depends on, or races over, the process environment.
    /// </param>
    /// <param name="commandLine">Settings in order (a later one wins), each with the option that gave it.</param>
    public static (EngineOptions Options, IReadOnlyList<ConfigEntry> Effective) Load(
        string? configFile,
        IEnumerable<KeyValuePair<string, string>>? environment,
        IEnumerable<(string Key, string Value, string Option)> commandLine)
    {
        var builder = new ConfigurationBuilder();
        string? path = null;
        if (configFile is not null)
        {
            path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"--config {configFile}: no such file");
            }

            var json = new JsonConfigurationSource { Path = path, Optional = false };
            json.ResolveFileProvider();
            builder.Add(new EngineKeysConfigurationSource(json));
        }

        builder.Add(new EngineKeysConfigurationSource(new OriginalNamesConfigurationSource(environment ?? ProcessEnvironment())));
        if (environment is null)
        {
            builder.Add(new EngineKeysConfigurationSource(new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix }));
        }

        var options = commandLine.ToList();
        var optionOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, _, string option) in options)
        {
            optionOf[key] = option;
        }

        builder.Add(new EngineKeysConfigurationSource(new MemoryConfigurationSource { InitialData = options.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)) }));

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (InvalidDataException ex)
        {
            throw new ConfigurationException($"{path}: not valid JSON ({ex.InnerException?.Message ?? ex.Message})", ex);
        }

        var sources = new Sources(root, path, optionOf);
        var engine = new EngineOptions();
        var settings = engine.Sections()
            .SelectMany(s => SettingProperties.Of(s.Options.GetType()).Select(p => (Key: $"{s.Name}:{p.Name}", Section: s, Property: p)))
            .ToList();
        var known = settings.ToDictionary(s => s.Key, s => s.Property, StringComparer.OrdinalIgnoreCase);
        var sectionNames = engine.Sections().Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var errors = new List<string>();
        foreach (EngineKeysConfigurationProvider provider in sources.Providers)
        {
            foreach (string key in provider.Keys.Where(k => !known.ContainsKey(k)).Order(StringComparer.Ordinal))
            {
                bool section = !key.Contains(':', StringComparison.Ordinal);
                if (section && (provider.Inner is EnvironmentVariablesConfigurationProvider || sectionNames.Contains(key)))
                {
                    continue; // ENGINE_CLOCK and the like are no setting; "Risk": {} in a file sets nothing
                }

                errors.Add($"{key} ({sources.Origin(provider, key)}): unknown setting; `engine config show` lists every key");
            }
        }

        foreach ((string key, _, PropertyInfo property) in settings)
        {
            if (sources.Layer(key) != ConfigLayer.Default && !SettingProperties.IsValid(root, key, property.PropertyType, out string allowed))
            {
                errors.Add($"{key} = '{root[key]}' ({sources.Origin(key)}): expected {allowed}"); // a JSON null reads as null
            }
        }

        if (errors.Count == 0)
        {
            foreach ((string name, object section) in engine.Sections())
            {
                root.GetSection(name).Bind(section);
            }

            var problems = new List<string>();
            engine.Validate(problems);
            errors.AddRange(problems.Select(p => WithSources(p, settings.Select(s => s.Key), sources)));
        }

        if (errors.Count > 0)
        {
            throw new ConfigurationException("invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors)) { Errors = errors };
        }

        var effective = settings
            .Select(s => new ConfigEntry(s.Key, Shown(s.Key, s.Property.GetValue(s.Section.Options)), sources.Layer(s.Key), sources.Origin(s.Key)))
            .ToList();
        return (engine, effective);
    }

    private static string Shown(string key, object? value) =>
        EngineOptions.IsHidden(key) && value is string { Length: > 0 } ? "(set, not shown)" : SettingProperties.Format(value);

    /// <summary>The process environment as pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ProcessEnvironment()
    {
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            yield return new KeyValuePair<string, string>((string)e.Key, (string?)e.Value ?? string.Empty);
        }
    }

    /// <summary>
    /// A validation message with the source of each setting it names: the messages start with the key they are about
    /// (<c>Risk:COOLDOWN_MIN = -1 ...</c>, <c>VolumeSignal:EmaFast/EmaSlow = ...</c>); one naming only a section
    /// (<c>Paper: invalid ...</c>) is about every setting of it not left at its default.
    /// </summary>
    private static string WithSources(string message, IEnumerable<string> keys, Sources sources)
    {
        int end = message.IndexOfAny([' ', '=']);
        string token = end < 0 ? message : message[..end];
        int colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return message;
        }

        string section = token[..colon];
        string[] names = token[(colon + 1)..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var named = names.Length > 0
            ? names.Select(n => OriginalNames.ToEngineKey($"{section}:{n}")).Select(k => keys.FirstOrDefault(key => string.Equals(key, k, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>().ToList()
            : keys.Where(k => k.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && sources.Layer(k) != ConfigLayer.Default).ToList();
        return named.Count == 0 ? message : $"{message} ({string.Join("; ", named.Select(k => $"{k}: {sources.Origin(k)}"))})";
    }

    /// <summary>Which source supplied a key: the last provider that holds it, as the configuration root reads it.</summary>
    private sealed class Sources(IConfigurationRoot root, string? path, IReadOnlyDictionary<string, string> optionOf)
    {
        public IReadOnlyList<EngineKeysConfigurationProvider> Providers { get; } = root.Providers.Cast<EngineKeysConfigurationProvider>().ToList();

        public string Origin(string key) => Winner(key) is { } provider ? Origin(provider, key) : "default";

        public string Origin(EngineKeysConfigurationProvider provider, string key)
        {
            string spelled = provider.SpellingOf(key);
            return provider.Inner switch
            {
                JsonConfigurationProvider => $"file {path}",
                EnvironmentVariablesConfigurationProvider => $"env {EnvironmentPrefix}{spelled.Replace(":", "__", StringComparison.Ordinal)}",
                OriginalNamesConfigurationProvider names => $"env {names.VariableOf(spelled)}",
                _ => $"command line {optionOf[spelled]}",
            };
        }

        public ConfigLayer Layer(string key) => Winner(key)?.Inner switch
        {
            null => ConfigLayer.Default,
            JsonConfigurationProvider => ConfigLayer.File,
            EnvironmentVariablesConfigurationProvider or OriginalNamesConfigurationProvider => ConfigLayer.Environment,
            _ => ConfigLayer.CommandLine,
        };

        private EngineKeysConfigurationProvider? Winner(string key) => Providers.LastOrDefault(p => p.TryGet(key, out _));
    }
}
