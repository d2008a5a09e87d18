using Engine.Cli.Configuration;

namespace Engine.Tests.Cli.Configuration;

public sealed class EngineConfigurationLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteConfig(string json)
    {
        string path = Path.Combine(_dir, "engine.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static KeyValuePair<string, string> Env(string name, string value) => new(name, value);

    [Fact]
    public void Load_LaterLayersWin_FileThenEnvironmentThenCommandLine()
    {
        string file = WriteConfig("""{ "Run": { "IntervalSeconds": 30 }, "Runtime": { "WarmupEvents": 10, "InputRingSize": 1024 }, "Risk": { "RiskPct": 0.03 } }""");

        var (options, effective) = EngineConfigurationLoader.Load(
            file,
            [Env("RISK_PCT", "0.02")],
            [("Run:IntervalSeconds", "5", "--interval")]);

        Assert.Equal(5, options.Run.IntervalSeconds);           // command line beats file
        Assert.Equal(0.02, options.Risk.RiskPct);               // env beats file
        Assert.Equal(1024, options.Runtime.InputRingSize);      // file beats default
        Assert.Equal(1 << 16, options.Runtime.OutputRingSize);  // default
        Assert.Equal(ConfigLayer.CommandLine, effective.Single(e => e.Key == "Run:IntervalSeconds").Layer);
        Assert.Equal("command line --interval", effective.Single(e => e.Key == "Run:IntervalSeconds").Origin);
        Assert.Equal("env RISK_PCT", effective.Single(e => e.Key == "Risk:RiskPct").Origin);
        Assert.Equal($"file {file}", effective.Single(e => e.Key == "Runtime:InputRingSize").Origin);
        Assert.Equal("default", effective.Single(e => e.Key == "Runtime:OutputRingSize").Origin);
    }

    [Fact]
    public void Load_OriginalNamesInsideTheirSection_AddressTheSameSettingsInAFileAndOnTheCommandLine()
    {
        string file = WriteConfig("""{ "DeltaScout": { "CHOP30_MAX": 3.1, "VWAP_MAX_DIST_USD": 250 }, "Risk": { "COOLDOWN_MIN": 5 } }""");

        var (options, effective) = EngineConfigurationLoader.Load(file, [], [("Risk:ORDER_REFILL_SEC", "7", "--set"), ("DeltaScout:VwapMaxDistUsd", "300", "--set")]);

        Assert.Equal(3.1, options.DeltaScout.Chop30Max);
        Assert.Equal(300, options.DeltaScout.VwapMaxDistUsd); // the command line's engine name beats the file's original name
        Assert.Equal(5.0, options.Risk.CooldownMinutes);
        Assert.Equal(7.0, options.Risk.OrderRefillSeconds);
        Assert.Equal($"file {file}", effective.Single(e => e.Key == "Risk:CooldownMinutes").Origin);
    }

    [Fact]
    public void Load_OriginalNameOutsideItsSection_IsUnknown()
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [], [("Run:IMB_MIN", "0.5", "--set")]));

        Assert.Contains("Run:IMB_MIN (command line --set): unknown setting", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKey_IsAnErrorNamingItAndItsOrigin()
    {
        string file = WriteConfig("""{ "Runtime": { "InputRingSise": 1024 } }""");

        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(file, [], []));

        string error = Assert.Single(ex.Errors);
        Assert.Contains("Runtime:InputRingSise", error, StringComparison.Ordinal);
        Assert.Contains("unknown setting", error, StringComparison.Ordinal);
        Assert.Contains(file, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Runtime:InputRingSize", "1000", "power of two")]
    [InlineData("Runtime:InputRingSize", "lots", "a whole number")]
    [InlineData("Run:IntervalSeconds", "0", "from 1 to 3600")]
    [InlineData("Run:IntervalSeconds", "7200", "from 1 to 3600")]
    [InlineData("Runtime:WaitStrategy", "Turbo", "one of BusySpin, Yielding, Sleeping, Blocking")]
    [InlineData("Runtime:WaitStrategy", "1", "one of BusySpin")]
    [InlineData("Runtime:EngineCpu", "4096", "a CPU from 0 to")]
    [InlineData("Runtime:RealtimePriority", "100", "1 to 99")]
    [InlineData("Runtime:LatencySampleEvery", "100", "power of two from 1 to 1048576")]
    [InlineData("Runtime:LatencySampleEvery", "0", "power of two from 1 to 1048576")]
    [InlineData("Runtime:StatusIntervalSeconds", "NaN", "a finite number")]
    [InlineData("Symbol:Name", "BTCÄUSDT", "printable ASCII")] // passed validation, then the run failed as an internal fault
    [InlineData("Symbol:Name", "BTC,USDT", "printable ASCII")]
    [InlineData("Symbol:Name", "BTC USDT", "printable ASCII")]
    public void Load_InvalidValue_NamesKeyValueAndWhatIsAllowed(string key, string value, string allowed)
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [], [(key, value, "--set")]));

        string error = Assert.Single(ex.Errors);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NullForANumberInTheFile_IsAnErrorNotZero()
    {
        string file = WriteConfig("""{ "Run": { "IntervalSeconds": null }, "DeltaScout": { "ImbMinLong": null } }""");

        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(file, [], []));

        Assert.Equal($"Run:IntervalSeconds = '' (file {file}): expected a whole number", Assert.Single(ex.Errors));
    }

    [Fact]
    public void Load_MissingConfigFile_IsAClearError()
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(Path.Combine(_dir, "nope.json"), [], []));
        Assert.Contains("no such file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJson_IsAClearError()
    {
        string file = WriteConfig("""{ "Run": { "IntervalSeconds": 30 """);
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(file, [], []));
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EnvironmentVariablesOfOtherProgramsAreIgnored()
    {
        var (options, _) = EngineConfigurationLoader.Load(null, [Env("PATH", "/usr/bin"), Env("HOME", "/root")], []);
        Assert.Equal(60, options.Run.IntervalSeconds);
    }
}
