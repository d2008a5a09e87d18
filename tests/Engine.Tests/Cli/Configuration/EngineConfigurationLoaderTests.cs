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
        string file = WriteConfig("""{ "Run": { "IntervalSeconds": 30 }, "Runtime": { "WarmupEvents": 10, "InputRingSize": 1024 } }""");

        var (options, effective) = EngineConfigurationLoader.Load(
            file,
            [Env("ENGINE_Runtime__WarmupEvents", "20"), Env("ENGINE_Run__IntervalSeconds", "15")],
            [("Run:IntervalSeconds", "5", "--interval")]);

        Assert.Equal(5, options.Run.IntervalSeconds);           // command line beats env and file
        Assert.Equal(20, options.Runtime.WarmupEvents);         // env beats file
        Assert.Equal(1024, options.Runtime.InputRingSize);      // file beats default
        Assert.Equal(1 << 16, options.Runtime.OutputRingSize);  // default
        Assert.Equal(ConfigLayer.CommandLine, effective.Single(e => e.Key == "Run:IntervalSeconds").Layer);
        Assert.Equal("env ENGINE_Runtime__WarmupEvents", effective.Single(e => e.Key == "Runtime:WarmupEvents").Origin);
        Assert.Equal($"file {file}", effective.Single(e => e.Key == "Runtime:InputRingSize").Origin);
        Assert.Equal("default", effective.Single(e => e.Key == "Runtime:OutputRingSize").Origin);
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
    public void Load_InvalidValue_NamesKeyValueAndWhatIsAllowed(string key, string value, string allowed)
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [], [(key, value, "--set")]));

        string error = Assert.Single(ex.Errors);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.Contains(value, error, StringComparison.Ordinal);
        Assert.Contains(allowed, error, StringComparison.Ordinal);
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
