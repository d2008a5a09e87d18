using Engine.Latency;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Tests.Latency;

public class FloorRigTests
{
    [Fact]
    public void Run_SmallPacedFeed_RecordsEveryTradeAfterWarmUp()
    {
        var a = new EngineEvent { Kind = EventKind.Trade };
        a.Trade.Id = 1;
        var runtime = new PipelineRuntime { EngineWait = WaitStrategyKind.Yielding, InputRingSize = 64, FeedCpu = -1, EngineCpu = -1 };
        var rig = new FloorRig(runtime, warmupEvents: 100);

        rig.Run(new FixedRatePacedFeed(new TradeTape([a], 1), 2_000, 10_000_000));

        Assert.Equal(1_900, rig.Latency.TotalCount); // the end marker is not a trade, the warm-up is not recorded
        Assert.True(rig.Latency.MinValue >= 1);
    }
}
