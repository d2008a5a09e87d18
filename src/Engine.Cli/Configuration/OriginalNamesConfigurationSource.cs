using Microsoft.Extensions.Configuration;

namespace Engine.Cli.Configuration;

/// <summary>
/// Environment variables under the original scripts' names (<c>IMB_MIN</c>, <c>COOLDOWN_MIN</c>), as the engine keys
/// <see cref="OriginalNames"/> maps them to. Names are case-sensitive, as the scripts read them.
/// </summary>
public sealed class OriginalNamesConfigurationSource(IEnumerable<KeyValuePair<string, string>> environment) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new OriginalNamesConfigurationProvider(environment);
}

/// <summary>The provider of <see cref="OriginalNamesConfigurationSource"/>; remembers which variable set each key.</summary>
public sealed class OriginalNamesConfigurationProvider(IEnumerable<KeyValuePair<string, string>> environment) : ConfigurationProvider
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.OrdinalIgnoreCase);

    public override void Load()
    {
        Data.Clear();
        _variables.Clear();
        foreach ((string name, string value) in environment)
        {
            if (OriginalNames.Keys.TryGetValue(name, out string? key))
            {
                Data[key] = value;
                _variables[key] = name;
            }
        }
    }

    /// <summary>The variable that set <paramref name="key"/>.</summary>
    public string VariableOf(string key) => _variables[key];
}
