using System.Text.Json;

namespace Engine.Cli.Configuration;

/// <summary>
/// Flat, case-insensitive <c>Section:Name</c> settings gathered from a JSON file, the environment and the command line,
/// in that order of precedence, remembering where each value came from.
/// </summary>
public sealed class LayeredSettings
{
    /// <summary>Prefix of environment variables that address any key: <c>ENGINE_Risk__RISK_PCT=0.01</c>.</summary>
    public const string EnvironmentPrefix = "ENGINE_";

    private readonly Dictionary<string, ConfigEntry> _entries = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ConfigEntry> Entries => _entries.Values;

    public bool TryGet(string key, out ConfigEntry entry) => _entries.TryGetValue(key, out entry!);

    public void Set(string key, string value, ConfigLayer layer, string origin)
    {
        if (!_entries.TryGetValue(key, out ConfigEntry? existing) || existing.Layer <= layer)
        {
            _entries[key] = new ConfigEntry(key, value, layer, origin);
        }
    }

    /// <summary>Reads a JSON object of sections; nested objects become <c>A:B:C</c> keys, arrays <c>A:0</c>.</summary>
    public void AddJsonFile(string path)
    {
        using FileStream stream = File.OpenRead(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigurationException($"{path}: not valid JSON ({ex.Message})", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigurationException($"{path}: the configuration must be a JSON object");
            }

            Flatten(document.RootElement, prefix: null, path);
        }
    }

    /// <summary>
    /// Reads <c>ENGINE_Section__Name</c> variables, and bare aliases such as <c>IMB_MIN</c> that
    /// <paramref name="aliases"/> maps to a full key.
    /// </summary>
    public void AddEnvironment(IEnumerable<KeyValuePair<string, string>> variables, IReadOnlyDictionary<string, string> aliases)
    {
        foreach ((string name, string value) in variables)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                string key = name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                Set(key, value, ConfigLayer.Environment, $"env {name}");
            }
            else if (aliases.TryGetValue(name, out string? key))
            {
                Set(key, value, ConfigLayer.Environment, $"env {name}");
            }
        }
    }

    /// <summary>Adds a command-line override (<c>--set Key=Value</c> or a dedicated option).</summary>
    public void AddCommandLine(string key, string value, string option) => Set(key, value, ConfigLayer.CommandLine, $"command line {option}");

    private void Flatten(JsonElement element, string? prefix, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix is null ? property.Name : $"{prefix}:{property.Name}", path);
                }

                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}:{index++}", path);
                }

                break;
            case JsonValueKind.Null:
                break;
            default:
                Set(prefix!, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText(), ConfigLayer.File, $"file {path}");
                break;
        }
    }
}
