using Engine.Cli.Configuration;

namespace Engine.Tests.Cli.Configuration;

/// <summary>Tests that set process environment variables run alone, after every parallel test, and put them back.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

/// <summary><c>ENGINE_Section__Key</c> variables, read by the library's environment provider from the process environment.</summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class ProcessEnvironmentTests
{
    private static void With(IReadOnlyDictionary<string, string> variables, Action test)
    {
        foreach ((string name, string value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            test();
        }
        finally
        {
            foreach (string name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void EnginePrefixedVariables_BindBetweenTheFileAndTheCommandLine()
    {
        string file = Path.GetTempFileName();
        File.WriteAllText(file, """{ "Run": { "IntervalSeconds": 30 }, "Runtime": { "WarmupEvents": 10 } }""");
        try
        {
            With(new Dictionary<string, string> { ["ENGINE_Runtime__WarmupEvents"] = "20", ["ENGINE_Run__IntervalSeconds"] = "15", ["ENGINE_DeltaScout__IMB_MIN"] = "0.6" }, () =>
            {
                var (options, effective) = EngineConfigurationLoader.Load(file, environment: null, [("Run:IntervalSeconds", "5", "--set")]);

                Assert.Equal(5, options.Run.IntervalSeconds);
                Assert.Equal(20, options.Runtime.WarmupEvents);
                Assert.Equal(0.6, options.DeltaScout.ImbMin);
                Assert.Equal("env ENGINE_Runtime__WarmupEvents", effective.Single(e => e.Key == "Runtime:WarmupEvents").Origin);
                Assert.Equal("env ENGINE_DeltaScout__IMB_MIN", effective.Single(e => e.Key == "DeltaScout:ImbMin").Origin);
                Assert.Equal(ConfigLayer.Environment, effective.Single(e => e.Key == "DeltaScout:ImbMin").Layer);
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EnginePrefixedVariable_ThatIsNoSetting_IsAnErrorNamingTheVariable()
    {
        With(new Dictionary<string, string> { ["ENGINE_Risk__RiskPcnt"] = "0.01" }, () =>
        {
            var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, environment: null, []));

            Assert.Equal("Risk:RiskPcnt (env ENGINE_Risk__RiskPcnt): unknown setting; `engine config show` lists every key", Assert.Single(ex.Errors));
        });
    }

    [Fact]
    public void EnginePrefixedVariable_WithABadValue_NamesTheVariable()
    {
        With(new Dictionary<string, string> { ["ENGINE_Risk__CooldownMinutes"] = "-2" }, () =>
        {
            var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, environment: null, []));

            string error = Assert.Single(ex.Errors);
            Assert.Contains("-2", error, StringComparison.Ordinal);
            Assert.Contains("Risk:CooldownMinutes: env ENGINE_Risk__CooldownMinutes", error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void EnginePrefixedVariable_WithoutASection_IsNotASetting()
    {
        // ENGINE_CLOCK (read by the clock) and the like share the prefix but address no section.
        With(new Dictionary<string, string> { ["ENGINE_CONFIG_TEST_UNRELATED"] = "x" }, () =>
        {
            var (options, _) = EngineConfigurationLoader.Load(null, environment: null, []);
            Assert.Equal(60, options.Run.IntervalSeconds);
        });
    }
}
