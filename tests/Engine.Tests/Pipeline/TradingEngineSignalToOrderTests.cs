using Engine.Binance.Archives;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Tests.Pipeline;

/// <summary>
/// Issue 13: <c>signal-to-order</c> is the engine thread's own decision time, from the signal emitted to the entry
/// order request published. It never includes the time the triggering event spent before the engine picked it up.
/// </summary>
public sealed class TradingEngineSignalToOrderTests
{
    [Fact]
    public void SignalToOrder_ExcludesTheTimeBeforeTheEngineTookTheEvent()
    {
        _ = EngineClock.Source;
        long staleness = (long)(10 * EngineClock.TicksPerSecond); // every event entered the process 10 s before the engine saw it
        var engine = new TradingEngine<CountingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(sampleEvery: 1), new CountingOutputSink());
        using TradeCsvReader reader = PipelineFixtures.OpenBtc(new SymbolRegistry(["BTCUSDT"]));
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            slot.ReceivedTimestamp = EngineClock.Timestamp() - staleness;
            engine.OnEvent(ref slot);
        }

        long tenSecondsNs = 10_000_000_000;
        LatencyInterval latency = engine.Latency.SwapInterval();
        Assert.True(latency[Stage.ReceivedToDone].ValueAtPercentile(0) >= tenSecondsNs * 999 / 1000, "end-to-end starts when the event entered the process");
        Assert.True(engine.Counters.OrderRequests > 0, "the fixture is meant to trade");
        Assert.True(latency[Stage.SignalToOrder].TotalCount > 0);
        Assert.True(latency[Stage.SignalToOrder].MaxValue < tenSecondsNs, $"signal-to-order max {latency[Stage.SignalToOrder].MaxValue} ns counts the event's wait before the engine");
    }
}
