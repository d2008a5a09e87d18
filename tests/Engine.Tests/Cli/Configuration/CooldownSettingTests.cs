using Engine.Cli.Configuration;
using Engine.Risk;

namespace Engine.Tests.Cli.Configuration;

/// <summary>One cooldown setting: Risk:CooldownMinutes (the original COOLDOWN_MIN) with Risk:CooldownScope.</summary>
public sealed class CooldownSettingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-cooldown-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig(string json)
    {
        string path = Path.Combine(_dir, "engine.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void ExecutorCooldownMs_IsNoLongerASetting()
    {
        string file = WriteConfig("""{ "Executor": { "CooldownMs": 30000 } }""");
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(file, [], []));
        Assert.Contains("Executor:CooldownMs", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void CooldownMinutesAndScope_BindUnderRisk()
    {
        string file = WriteConfig("""{ "Risk": { "CooldownMinutes": 0.5, "CooldownScope": "Symbol" } }""");
        var (options, _) = EngineConfigurationLoader.Load(file, [], []);
        Assert.Equal(0.5, options.Risk.CooldownMinutes);
        Assert.Equal(CooldownScope.Symbol, options.Risk.CooldownScope);
        Assert.Equal(CooldownScope.Account, new RiskOptions().CooldownScope);
    }
}
