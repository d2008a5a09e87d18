using Microsoft.Extensions.Configuration;

namespace Engine.Cli.Configuration;

/// <summary>
/// Another source's settings under engine keys: an original name inside its section (<c>DeltaScout:IMB_MIN</c>) becomes
/// the property's key (<c>DeltaScout:ImbMin</c>), so the binder and the later sources see one key per setting. Keeps
/// the wrapped provider and each key's spelling there, to say where a value came from.
/// </summary>
public sealed class EngineKeysConfigurationSource(IConfigurationSource inner) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new EngineKeysConfigurationProvider(inner.Build(builder));
}

/// <summary>The provider of <see cref="EngineKeysConfigurationSource"/>.</summary>
public sealed class EngineKeysConfigurationProvider(IConfigurationProvider inner) : ConfigurationProvider
{
    private readonly Dictionary<string, string> _spelling = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The provider that read the settings.</summary>
    public IConfigurationProvider Inner => inner;

    /// <summary>Every key this provider holds (engine keys, and unknown keys as they were spelled).</summary>
    public IEnumerable<string> Keys => Data.Keys;

    public override void Load()
    {
        inner.Load();
        Data.Clear();
        _spelling.Clear();
        foreach (string key in LeafKeys(parent: null))
        {
            string engineKey = OriginalNames.ToEngineKey(key);
            if (inner.TryGet(key, out string? value) && (!Data.ContainsKey(engineKey) || string.Equals(engineKey, key, StringComparison.OrdinalIgnoreCase)))
            {
                Data[engineKey] = value; // the property's own name wins over an original name for it in the same source
                _spelling[engineKey] = key;
            }
        }
    }

    /// <summary>How the wrapped provider spelled <paramref name="key"/> (<c>DeltaScout:IMB_MIN</c>, <c>Risk:riskpct</c>).</summary>
    public string SpellingOf(string key) => _spelling[key];

    private IEnumerable<string> LeafKeys(string? parent)
    {
        foreach (string child in inner.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            string key = parent is null ? child : $"{parent}:{child}";
            if (inner.TryGet(key, out _))
            {
                yield return key;
            }

            foreach (string below in LeafKeys(key))
            {
                yield return below;
            }
        }
    }
}
