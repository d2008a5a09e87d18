using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Tests.Pipeline;

/// <summary>
/// Issue 13: a paced feed waits inside <see cref="IInputFeed.TryReadNext"/> until each event is due. The latency of an
/// event starts when the feed releases it, so no event can show the gap since the trade before it: the engine's work on
/// one trade takes microseconds, the gaps here are a quarter of a second.
/// </summary>
public sealed class EnginePipelinePacedLatencyTests
{
    private const int Trades = 5;
    private const int GapMs = 250;

    /// <summary>Trades <see cref="GapMs"/> apart in event time, each released after waiting that long (as EventTimePacedFeed at speed 1).</summary>
    private sealed class GappedFeed : IInputFeed
    {
        private int _index;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (_index == Trades)
            {
                return false;
            }

            if (_index > 0)
            {
                Thread.Sleep(GapMs);
            }

            long timeMs = 1_723_161_256_000 + (_index * GapMs);
            slot.Kind = EventKind.Trade;
            slot.Trade = new Trade
            {
                Symbol = new SymbolId(0), Id = 100 + _index, FirstTradeId = 100 + _index, LastTradeId = 100 + _index,
                Price = Price.Parse("61800.3"), Quantity = Quantity.Parse("0.01"), TradeTimeMs = timeMs, EventTimeMs = timeMs,
                Type = TradeType.Market,
            };
            _index++;
            return true;
        }
    }

    private struct NoJournal : IEventHandler<OutputEvent>
    {
        public readonly void OnStart()
        {
        }

        public readonly void OnBatchStart(long batchSize)
        {
        }

        public readonly void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
        {
        }

        public readonly void OnShutdown()
        {
        }
    }

    [Fact]
    public void PacedFeed_LatencyStartsWhenTheEventIsReleased_NotBeforeTheWaitForIt()
    {
        _ = EngineClock.Source; // calibrate before the run
        var runtime = new PipelineRuntime { FeedBatch = 1, WarmupEvents = 0, EngineWait = WaitStrategyKind.Yielding, InputRingSize = 1024, OutputRingSize = 1024 };
        var pipeline = new EnginePipeline<NoJournal>(PipelineFixtures.ShortIntervalDeltaScout(sampleEvery: 1), runtime, default);

        pipeline.Run(new GappedFeed(), CancellationToken.None);

        long gapNs = GapMs * 1_000_000L;
        LatencyInterval latency = pipeline.Engine.Latency.SwapInterval(); // no status thread took one: the whole run
        var endToEnd = latency[Stage.ReceivedToDone];
        var queue = latency[Stage.ReceivedToEngine];
        Assert.Equal(Trades + 1, endToEnd.TotalCount); // the trades and the end of the stream
        Assert.True(endToEnd.MaxValue < gapNs, $"end-to-end max {endToEnd.MaxValue} ns includes the {GapMs} ms wait for the event's due time");
        Assert.True(queue.MaxValue < gapNs, $"queue max {queue.MaxValue} ns includes the {GapMs} ms wait for the event's due time");
    }
}
