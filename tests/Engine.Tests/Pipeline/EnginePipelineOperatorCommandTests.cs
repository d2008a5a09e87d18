using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Risk;

namespace Engine.Tests.Pipeline;

// The input ring has one producer, the feed thread; operator commands from any other thread wait in an inbox that the
// feed moves into the ring before each batch and before the end of the input.
public class EnginePipelineOperatorCommandTests
{
    private const int Trades = 2_000;
    private const long StartMs = 1_723_161_256_000;

    /// <summary>Trades 100 ms apart, ids from 1; <c>onRead</c> runs before trade n is handed over (n from 0), and once more at the end.</summary>
    private sealed class TradeFeed(Action<int> onRead) : IInputFeed
    {
        private int _n;

        public bool TryReadNext(ref EngineEvent slot)
        {
            onRead(_n);
            if (_n == Trades)
            {
                return false;
            }

            slot.Kind = EventKind.Trade;
            ref Trade t = ref slot.Trade;
            t.Symbol = new SymbolId(0);
            t.Id = t.FirstTradeId = t.LastTradeId = _n + 1;
            t.Price = new Price(6_000_000_000_000 + (_n % 7 * 10_000_000));
            t.Quantity = new Quantity(1_000_000);
            t.TradeTimeMs = t.EventTimeMs = StartMs + (_n * 100L);
            t.Type = TradeType.Market;
            _n++;
            return true;
        }
    }

    /// <summary>The kinds of the outputs, in the order the journal saw them.</summary>
    private struct KindJournal : IEventHandler<OutputEvent>
    {
        public List<OutputKind> Kinds;

        public void OnStart() => Kinds = [];

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch) => Kinds.Add(evt.Kind);

        public void OnShutdown()
        {
        }
    }

    private static (RunStatistics Stats, List<OutputKind> Kinds, TradingState State) Run(int feedBatch, Action<EnginePipeline<KindJournal>, int> onRead) =>
        Run(feedBatch, onRead, out _);

    // Every event is timed (the fixture samples one in one); latency is the whole run's end-to-end histogram.
    private static (RunStatistics Stats, List<OutputKind> Kinds, TradingState State) Run(
        int feedBatch, Action<EnginePipeline<KindJournal>, int> onRead, out LatencyInterval latency)
    {
        var runtime = new PipelineRuntime { FeedBatch = feedBatch, EngineWait = WaitStrategyKind.Yielding, InputRingSize = 1024, OutputRingSize = 1 << 14 };
        var pipeline = new EnginePipeline<KindJournal>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, default);
        RunStatistics stats = pipeline.Run(new TradeFeed(n => onRead(pipeline, n)), CancellationToken.None);
        latency = pipeline.Engine.Latency.SwapInterval(); // no status thread took one: the whole run
        return (stats, pipeline.Journal.Kinds, pipeline.Engine.Risk.State);
    }

    private static OperatorCommand Halt(int n) => new(OperatorCommandKind.Halt, SymbolId.None, StartMs + (n * 100L));

    [Theory]
    [InlineData(1)]
    [InlineData(256)]
    public void CommandFromAnotherThread_ReachesTheEngineInOrderWithTheInput(int feedBatch)
    {
        bool posted = false;
        var (stats, kinds, state) = Run(feedBatch, (pipeline, n) =>
        {
            if (n == 500)
            {
                var poster = new Thread(() => posted = pipeline.TryPublish(Halt(n)));
                poster.Start();
                poster.Join();
            }
        });

        Assert.True(posted);
        Assert.Equal(TradingState.Halted, state);
        Assert.Equal(Trades + 1, stats.Events); // every trade and the command, nothing twice
        Assert.Equal(1, kinds.Count(k => k == OutputKind.BreakerChanged));
        Assert.Equal(OutputKind.EndOfStream, kinds[^1]);

        // Posted while trade 500 was read: it is applied after at most a batch more of trades, so 200 of them (20 s of
        // 1-second rows) still close rows after it.
        int breaker = kinds.IndexOf(OutputKind.BreakerChanged);
        Assert.True(kinds.Skip(breaker).Count(k => k == OutputKind.RowClosed) >= 20, "the command waited for the end of the input");
    }

    [Fact]
    public void CommandPostedAsTheInputEnds_IsAppliedBeforeTheEndOfStream()
    {
        var (stats, kinds, state) = Run(feedBatch: 1, (pipeline, n) =>
        {
            if (n == Trades)
            {
                Assert.True(pipeline.TryPublish(Halt(n))); // as a halt followed by a stop does to a paced feed
            }
        }, out LatencyInterval latency);

        Assert.Equal(TradingState.Halted, state);
        Assert.Equal(Trades + 1, stats.Events);
        int breaker = kinds.IndexOf(OutputKind.BreakerChanged);
        Assert.True(breaker >= 0 && breaker < kinds.IndexOf(OutputKind.EndOfStream));

        // The slot left empty where the input ended is stamped too: no latency longer than the run (one stamped 0 had
        // its whole clock reading counted, an overflow of the histogram).
        var endToEnd = latency[Stage.ReceivedToDone];
        Assert.Equal(0, endToEnd.OverflowCount);
        Assert.True(endToEnd.MaxValue <= stats.Elapsed.Ticks * 100, $"end-to-end max {endToEnd.MaxValue} ns is longer than the run");
    }

    [Fact]
    public void SixtyFourCommandsWait_TheSixtyFifthIsRefused_AndEveryAcceptedOneIsApplied()
    {
        var (stats, _, state) = Run(feedBatch: 256, (pipeline, n) =>
        {
            if (n == 0)
            {
                for (int i = 0; i < 64; i++)
                {
                    Assert.True(pipeline.TryPublish(Halt(0)));
                }

                Assert.False(pipeline.TryPublish(Halt(0)));
            }
        });

        Assert.Equal(TradingState.Halted, state);
        Assert.Equal(Trades + 64, stats.Events);
    }
}
