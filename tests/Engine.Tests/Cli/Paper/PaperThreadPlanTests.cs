using Engine.Cli.Configuration;
using Engine.Cli.Run;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Tests.Cli.Paper;

public sealed class PaperThreadPlanTests
{
    private static PaperThreadPlan Choose(int cores, params (string Key, string Value)[] set)
    {
        var (options, effective) = EngineConfigurationLoader.Load(null, [], set.Select(s => (s.Key, s.Value, "--set")));
        return PaperThreadPlan.Choose(cores, options.Runtime, effective);
    }

    [Fact]
    public void TwoCores_TheEngineYieldsInsteadOfSpinning_AndTheFeedIsUnpinned()
    {
        PaperThreadPlan plan = Choose(2);

        Assert.Equal(WaitStrategyKind.Yielding, plan.EngineWait);
        Assert.Equal(1, plan.EngineCpu);
        Assert.Equal(0, plan.JournalCpu);
        Assert.Equal(-1, plan.FeedCpu);          // free to run on whichever core is not busy
        Assert.Equal(-1, plan.OutputConsumerCpu);
        Assert.NotEqual(plan.EngineCpu, plan.InputConsumerCpu);
        Assert.StartsWith("2 cores, fewer than", plan.Describe[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 3)]
    [InlineData(16, 15)]
    public void FourOrMoreCores_TheEngineBusySpinsOnTheLastCore_NothingElseThere(int cores, int last)
    {
        PaperThreadPlan plan = Choose(cores);

        Assert.Equal(WaitStrategyKind.BusySpin, plan.EngineWait);
        Assert.Equal(last, plan.EngineCpu);
        Assert.Equal(0, plan.JournalCpu);
        Assert.Equal(0, plan.InputConsumerCpu);
        Assert.Equal(-1, plan.FeedCpu);
    }

    [Fact]
    public void OneCore_TheEngineBlocks_AndNothingIsPinned()
    {
        PaperThreadPlan plan = Choose(1);

        Assert.Equal(WaitStrategyKind.Blocking, plan.EngineWait);
        Assert.Equal([-1, -1, -1, -1], new[] { plan.EngineCpu, plan.JournalCpu, plan.FeedCpu, plan.InputConsumerCpu });
    }

    [Fact]
    public void ConfiguredSettings_AreKeptAsGiven_AndSaidSo()
    {
        PaperThreadPlan plan = Choose(8, ("Runtime:WaitStrategy", "Sleeping"), ("Runtime:EngineCpu", "-1"));

        Assert.Equal(WaitStrategyKind.Sleeping, plan.EngineWait);
        Assert.Equal(-1, plan.EngineCpu);
        Assert.Equal(0, plan.JournalCpu); // not configured: the plan's
        Assert.Equal("kept as configured: Runtime:WaitStrategy = Sleeping (command line --set), Runtime:EngineCpu = -1 (command line --set)", plan.Describe[^1]);
    }

    [Fact]
    public void ApplyTo_SetsTheRuntimesStrategyAndPinning()
    {
        PaperThreadPlan plan = Choose(2);

        PipelineRuntime runtime = plan.ApplyTo(new PipelineRuntime { EngineWait = WaitStrategyKind.BusySpin, FeedCpu = 0, InputRingSize = 1024 });

        Assert.Equal((WaitStrategyKind.Yielding, 1, 0, -1, 1024), (runtime.EngineWait, runtime.EngineCpu, runtime.JournalCpu, runtime.FeedCpu, runtime.InputRingSize));
        Assert.Equal(WaitStrategyKind.Yielding, runtime.OutputConsumerWait);
    }

    /// <summary>The gateway yields while it waits with 2 cores or more (a sleeping one picks an order up up to a millisecond late), sleeps with 1.</summary>
    [Theory]
    [InlineData(1, WaitStrategyKind.Sleeping)]
    [InlineData(2, WaitStrategyKind.Yielding)]
    [InlineData(8, WaitStrategyKind.Yielding)]
    public void Gateway_YieldsWithTwoCoresOrMore_SleepsWithOne(int cores, WaitStrategyKind expected)
    {
        PaperThreadPlan plan = Choose(cores);
        Assert.Equal(expected, plan.GatewayWait);
        Assert.Contains($"gateway {expected} unpinned", plan.Describe[1], StringComparison.Ordinal);
        Assert.Equal(WaitStrategyKind.BusySpin, Choose(cores, ("Runtime:GatewayWait", "BusySpin")).GatewayWait); // configured: kept
    }
}
