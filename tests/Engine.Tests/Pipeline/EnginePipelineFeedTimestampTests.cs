using Engine.Binance.Archives;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Tests.Pipeline;

public class EnginePipelineFeedTimestampTests
{
    private const long FakeOrigin = 1_000;

    /// <summary>The real BTC trades, each stamped FakeOrigin + its index: far below any clock reading.</summary>
    private sealed class StampedFeed(TradeCsvReader reader) : IInputFeed
    {
        private long _index;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (!reader.TryReadNext(ref slot))
            {
                return false;
            }

            slot.ReceivedTimestamp = FakeOrigin + _index++;
            return true;
        }
    }

    private struct StampJournal : IEventHandler<OutputEvent>
    {
        public long FromFeed;
        public long Total;

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
        {
            Total++;
            if (evt.InputTimestamp is >= FakeOrigin and < FakeOrigin + 10_000_000)
            {
                FromFeed++;
            }
        }

        public void OnShutdown()
        {
        }
    }

    private static StampJournal Run(bool feedStampsTime)
    {
        var registry = new SymbolRegistry(["BTCUSDT"]);
        using TradeCsvReader reader = PipelineFixtures.OpenBtc(registry);
        var runtime = new PipelineRuntime { FeedBatch = 1, FeedStampsTime = feedStampsTime, EngineWait = WaitStrategyKind.Yielding, InputRingSize = 1024, OutputRingSize = 1024 };
        var pipeline = new EnginePipeline<StampJournal>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, default);
        pipeline.Run(new StampedFeed(reader), CancellationToken.None);
        return pipeline.Journal;
    }

    [Fact]
    public void Run_FeedStampsTime_OutputsCarryTheFeedsTimestamps()
    {
        StampJournal journal = Run(feedStampsTime: true);

        Assert.True(journal.Total > 0);
        Assert.True(journal.FromFeed > 0);
    }

    [Fact]
    public void Run_ByDefault_ThePipelineStampsArrivalItself()
    {
        StampJournal journal = Run(feedStampsTime: false);

        Assert.True(journal.Total > 0);
        Assert.Equal(0, journal.FromFeed);
    }
}
