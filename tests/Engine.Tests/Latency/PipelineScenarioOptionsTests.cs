using Engine.Latency;
using Engine.Ring;

namespace Engine.Tests.Latency;

public class PipelineScenarioOptionsTests
{
    [Fact]
    public void TryParse_NoArguments_Gives100kPerSecondAndTenMillionEvents()
    {
        Assert.True(PipelineScenarioOptions.TryParse([], out PipelineScenarioOptions? o, out string? error));
        Assert.Null(error);
        Assert.Equal(100_000, o.Rate);
        Assert.Equal(10_000_000, o.Events);
        Assert.Equal(200_000, o.WarmupEvents);
        Assert.Equal(4, o.Rounds);
        Assert.Equal(WaitStrategyKind.BusySpin, o.Wait);
        Assert.Empty(o.Inputs);
        Assert.False(o.SkipFloor);
    }

    [Fact]
    public void TryParse_EveryOption_IsRead()
    {
        string[] args = ["--rate", "1000000", "--events", "5000", "--json", "s.json", "--out", "rep", "--wait", "yielding", "--no-floor", "--realtime", "10"];

        Assert.True(PipelineScenarioOptions.TryParse(args, out PipelineScenarioOptions? o, out _));

        Assert.Equal(1_000_000, o.Rate);
        Assert.Equal(5_000, o.Events);
        Assert.Equal(500, o.WarmupEvents); // a tenth of a short run
        Assert.Equal(1, o.Rounds); // without a floor there is nothing to alternate with
        Assert.Equal("s.json", o.JsonPath);
        Assert.Equal("rep", o.OutDirectory);
        Assert.Equal(WaitStrategyKind.Yielding, o.Wait);
        Assert.True(o.SkipFloor);
        Assert.Equal(10, o.RealtimePriority);
    }

    [Fact]
    public void TryParse_Rounds_SplitTheEventsAndTheWarmupAppliesPerRound()
    {
        Assert.True(PipelineScenarioOptions.TryParse(["--events", "3000000", "--rounds", "6"], out PipelineScenarioOptions? o, out _));

        Assert.Equal(6, o.Rounds);
        Assert.Equal(50_000, o.WarmupEvents); // a tenth of each 500k-event round
    }

    [Theory]
    [InlineData("--rounds", "0")]
    [InlineData("--rounds", "65")]
    [InlineData("--rate", "0")]
    [InlineData("--rate", "fast")]
    [InlineData("--events", "-5")]
    [InlineData("--wait", "nap")]
    [InlineData("--realtime", "100")]
    [InlineData("--input", "/no/such/file.csv")]
    [InlineData("--colour", "red")]
    public void TryParse_BadValue_FailsWithAReason(string name, string value)
    {
        Assert.False(PipelineScenarioOptions.TryParse([name, value], out PipelineScenarioOptions? o, out string? error));
        Assert.Null(o);
        Assert.Contains(name, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MissingValue_Fails()
    {
        Assert.False(PipelineScenarioOptions.TryParse(["--events"], out _, out string? error));
        Assert.Contains("needs a value", error, StringComparison.Ordinal);
    }
}
