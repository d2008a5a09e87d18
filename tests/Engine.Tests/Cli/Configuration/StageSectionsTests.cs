using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Pipeline;

namespace Engine.Tests.Cli.Configuration;

public sealed class StageSectionsTests
{
    private static KeyValuePair<string, string> Env(string name, string value) => new(name, value);

    [Fact]
    public void Load_BareScriptNamesInEnvironment_ReachDeltaScoutAndRisk()
    {
        var (options, effective) = EngineConfigurationLoader.Load(null, [Env("IMB_MIN", "0.61"), Env("ROLL_WINDOW_MIN", "45"), Env("RISK_PCT", "0.02")], []);

        Assert.Equal(0.61, options.DeltaScout.ImbMin);
        Assert.Equal(45, options.DeltaScout.RollWindowMin);
        Assert.Equal(0.02, (double)options.Risk.RiskPct, 10);
        Assert.Equal("env IMB_MIN", effective.Single(e => e.Key == "DeltaScout:ImbMin").Origin);
    }

    [Fact]
    public void Load_CommandLineBeatsEnvironmentForStageSettings()
    {
        var (options, _) = EngineConfigurationLoader.Load(null, [Env("IMB_MIN", "0.61")], [("DeltaScout:IMB_MIN", "0.6", "--set"), ("Paper:SlippageTicks", "3", "--set")]);

        Assert.Equal(0.6, options.DeltaScout.ImbMin);
        Assert.Equal(3, options.Paper.SlippageTicks);
    }

    [Theory]
    [InlineData("DeltaScout:IMB_MIN", "1.5", "IMB_MIN")]
    [InlineData("Risk:RiskPct", "0.5", "RISK_PCT")]
    [InlineData("Executor:OrderCapacity", "1000", "OrderCapacity")]
    [InlineData("Paper:TakerFeeRate", "0.5", "Paper")]
    [InlineData("Symbol:TickSize", "0", "Symbol:TickSize")]
    [InlineData("VolumeSignal:EmaFast", "30", "EmaFast")]
    public void Load_InvalidStageValue_FailsNamingTheKey(string key, string value, string named)
    {
        var ex = Assert.Throws<ConfigurationException>(() => EngineConfigurationLoader.Load(null, [], [(key, value, "--set")]));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PipelineSetup_MapsSectionsAndPacing()
    {
        var (options, _) = EngineConfigurationLoader.Load(null, [], [("Run:IntervalSeconds", "5", "--set"), ("Symbol:Name", "ethusdt", "--set"), ("Symbol:BarSize", "2.5", "--set"), ("Runtime:EngineCpu", "-1", "--set")]);

        PipelineOptions fast = PipelineSetup.ToPipelineOptions(options, paced: false);
        PipelineOptions paced = PipelineSetup.ToPipelineOptions(options, paced: true);
        PipelineRuntime runtime = PipelineSetup.ToPipelineRuntime(options, paced: true);

        Assert.Equal(5_000, fast.IntervalMs);
        Assert.Equal("ETHUSDT", fast.Symbols.Single().Name);
        Assert.Equal(2.5m, fast.Symbols.Single().BarSize);
        Assert.Equal(10_000_000, fast.Symbols.Single().Filters.TickSize.E8); // 0.1 default tick
        Assert.Equal(256, fast.LatencySampleEvery); // the default for as-fast-as-possible replays
        Assert.Equal(16, PipelineSetup.ToPipelineOptions(EngineConfigurationLoader.Load(null, [], [("Runtime:LatencySampleEvery", "16", "--set")]).Options, paced: false).LatencySampleEvery);
        Assert.Equal(1, paced.LatencySampleEvery);
        Assert.Equal(1, runtime.FeedBatch);
        Assert.Equal(-1, runtime.EngineCpu);
        Assert.Same(options.DeltaScout, fast.DeltaScout);
    }
}
