using Engine.Binance.Archives;
using Engine.Binance.Sources;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Tests.Pipeline;

/// <summary>As-fast-as-possible replays time one event in N; paced runs time every event (issue 7).</summary>
public sealed class TradingEngineLatencySamplingTests
{
    private static TradingEngine<CountingOutputSink> Replay(int sampleEvery)
    {
        var engine = new TradingEngine<CountingOutputSink>(PipelineFixtures.ShortIntervalDeltaScout(sampleEvery), new CountingOutputSink());
        using TradeCsvReader reader = PipelineFixtures.OpenBtc(new SymbolRegistry(["BTCUSDT"]));
        var slot = default(EngineEvent);
        while (reader.TryReadNext(ref slot))
        {
            slot.ReceivedTimestamp = EngineClock.Timestamp(); // as the feed stamps it: queue and end-to-end stay in range
            engine.OnEvent(ref slot);
        }

        slot.Kind = EventKind.EndOfStream;
        slot.ReceivedTimestamp = EngineClock.Timestamp();
        engine.OnEvent(ref slot);
        return engine;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void EndToEndAndQueue_CountOneEventInN_FromTheFirst(int sampleEvery)
    {
        TradingEngine<CountingOutputSink> engine = Replay(sampleEvery);
        long events = engine.Counters.Events;
        long sampled = (events + sampleEvery - 1) / sampleEvery; // events 0, N, 2N, ... are timed

        LatencyInterval latency = engine.Latency.SwapInterval();

        Assert.True(events > 20_000);
        Assert.Equal(sampled, latency[Stage.ReceivedToDone].TotalCount);
        Assert.Equal(sampled, latency[Stage.ReceivedToEngine].TotalCount);
    }

    [Fact]
    public void Sampling_TimesEveryStageOfASampledTrade_AndNothingElse()
    {
        TradingEngine<CountingOutputSink> everyEngine = Replay(1);
        LatencyInterval every = everyEngine.Latency.SwapInterval();
        LatencyInterval sampled = Replay(64).Latency.SwapInterval();

        // Every event here is a market trade except the final EndOfStream, so each timed trade records the three
        // per-trade stages once: all of them when every event is timed, one in 64 otherwise.
        long trades = everyEngine.Counters.Trades - everyEngine.Counters.NonMarketTrades;
        Assert.Equal(trades, every[Stage.Venue].TotalCount);
        Assert.Equal(trades, every[Stage.Aggregation].TotalCount);
        Assert.Equal(trades, every[Stage.VolumeBars].TotalCount);
        long sampledTrades = sampled[Stage.Venue].TotalCount;
        Assert.InRange(sampledTrades, (trades / 64) - 1, (trades / 64) + 2);
        Assert.Equal(sampledTrades, sampled[Stage.Aggregation].TotalCount);
        Assert.Equal(sampledTrades, sampled[Stage.VolumeBars].TotalCount);
    }
}
