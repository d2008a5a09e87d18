using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Risk;

namespace Engine.Tests.Pipeline;

// Live mode: the input ring takes several producer threads (market data, the gateway, the timer, operators); the
// attachments (gateway, event journal) consume the rings beside the engine and the journal.
public class EnginePipelineLiveTests
{
    private const long StartMs = 1_723_161_256_000;
    private const int PerProducer = 5_000;

    /// <summary>Every input the input consumer saw, as (kind, trade id), in ring order.</summary>
    private sealed class InputTape : IEventHandler<EngineEvent>
    {
        public List<(EventKind Kind, long Id)> Seen { get; } = [];

        public bool Started { get; private set; }

        public bool Stopped { get; private set; }

        public void OnStart() => Started = true;

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref EngineEvent evt, long sequence, bool endOfBatch) => Seen.Add((evt.Kind, evt.Kind == EventKind.Trade ? evt.Trade.Id : 0));

        public void OnShutdown() => Stopped = true;
    }

    /// <summary>The kinds of every output, as the output consumer saw them.</summary>
    private sealed class OutputTape : IEventHandler<OutputEvent>
    {
        public List<OutputKind> Kinds { get; } = [];

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch) => Kinds.Add(evt.Kind);

        public void OnShutdown()
        {
        }
    }

    private struct CountingJournal : IEventHandler<OutputEvent>
    {
        public int Count;

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch) => Count++;

        public void OnShutdown()
        {
        }
    }

    private static PipelineRuntime LiveRuntime(bool paperVenue = true) => new()
    {
        LiveInput = true, PaperVenue = paperVenue, EngineWait = WaitStrategyKind.Yielding, InputRingSize = 256, OutputRingSize = 1 << 14,
    };

    private static void PublishTrade(IInputPublisher input, long id)
    {
        long s = input.Claim();
        ref EngineEvent slot = ref input[s];
        slot.Kind = EventKind.Trade;
        slot.ReceivedTimestamp = Engine.Timing.EngineClock.Timestamp();
        ref Trade t = ref slot.Trade;
        t.Symbol = new SymbolId(0);
        t.Id = t.FirstTradeId = t.LastTradeId = id;
        t.Price = new Price(6_000_000_000_000);
        t.Quantity = new Quantity(1_000_000);
        t.TradeTimeMs = t.EventTimeMs = StartMs + id;
        t.Type = TradeType.Market;
        input.Publish(s);
    }

    [Fact]
    public void TwoProducers_EveryEventReachesTheEngineOnce_EachProducerInItsOwnOrder()
    {
        var inputs = new InputTape();
        var outputs = new OutputTape();
        var pipeline = new EnginePipeline<CountingJournal>(
            PipelineFixtures.ShortIntervalDeltaScout(), LiveRuntime(), default,
            new PipelineAttachments { InputConsumer = inputs, OutputConsumer = outputs });
        using var stop = new CancellationTokenSource();

        // Ids 1.. from producer A, 1_000_001.. from producer B: a ring of 256 makes them wait on the engine and interleave.
        var producers = new[] { 1L, 1_000_001L }.Select(first => new Thread(() =>
        {
            for (long i = 0; i < PerProducer; i++)
            {
                PublishTrade(pipeline.Input, first + i);
            }
        })).ToArray();
        var runner = new Thread(() =>
        {
            foreach (Thread p in producers)
            {
                p.Join();
            }

            stop.Cancel();
        });

        foreach (Thread p in producers)
        {
            p.Start();
        }

        runner.Start();
        RunStatistics stats = pipeline.RunLive(stop.Token);

        Assert.Equal(2 * PerProducer, stats.Events);
        Assert.True(inputs.Started && inputs.Stopped);
        Assert.Equal(EventKind.EndOfStream, inputs.Seen[^1].Kind);
        long[] a = inputs.Seen.Where(e => e.Kind == EventKind.Trade && e.Id < 1_000_001).Select(e => e.Id).ToArray();
        long[] b = inputs.Seen.Where(e => e.Kind == EventKind.Trade && e.Id >= 1_000_001).Select(e => e.Id).ToArray();
        Assert.Equal(Enumerable.Range(1, PerProducer).Select(i => (long)i), a);
        Assert.Equal(Enumerable.Range(1_000_001, PerProducer).Select(i => (long)i), b);

        // The gateway's seat sees exactly what the journal sees, ending with the end of input.
        Assert.Equal(pipeline.Journal.Count, outputs.Kinds.Count);
        Assert.Equal(OutputKind.EndOfStream, outputs.Kinds[^1]);
    }

    [Fact]
    public void AfterStop_ClaimsAreRefused_AndOperatorCommandsTooButEarlierOnesWereApplied()
    {
        var pipeline = new EnginePipeline<CountingJournal>(PipelineFixtures.ShortIntervalDeltaScout(), LiveRuntime(), default);
        using var stop = new CancellationTokenSource();
        PublishTrade(pipeline.Input, 1);
        Assert.True(pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Halt, SymbolId.None, StartMs + 1)));
        stop.Cancel();
        RunStatistics stats = pipeline.RunLive(stop.Token);

        Assert.Equal(2, stats.Events);
        Assert.Equal(TradingState.Halted, pipeline.Engine.Risk.State);
        Assert.Throws<InputClosedException>(() => pipeline.Input.Claim());
        Assert.False(pipeline.TryPublish(new OperatorCommand(OperatorCommandKind.Resume, SymbolId.None, StartMs + 2)));
    }

    [Fact]
    public void ModesAreNotMixed()
    {
        var replay = new EnginePipeline<CountingJournal>(PipelineFixtures.ShortIntervalDeltaScout(), new PipelineRuntime(), default);
        Assert.Throws<InvalidOperationException>(() => replay.Input);
        Assert.Throws<InvalidOperationException>(() => replay.RunLive(CancellationToken.None));

        var live = new EnginePipeline<CountingJournal>(PipelineFixtures.ShortIntervalDeltaScout(), LiveRuntime(), default);
        Assert.Throws<InvalidOperationException>(() => live.Run(new EmptyFeed(), CancellationToken.None));
    }

    [Fact]
    public void WithoutPaperVenue_TheEngineHasNoSimulatedVenue()
    {
        var live = new EnginePipeline<CountingJournal>(PipelineFixtures.ShortIntervalDeltaScout(), LiveRuntime(paperVenue: false), default);
        Assert.Null(live.Engine.Venue);
        var paper = new EnginePipeline<CountingJournal>(PipelineFixtures.ShortIntervalDeltaScout(), LiveRuntime(), default);
        Assert.NotNull(paper.Engine.Venue);
    }

    private sealed class EmptyFeed : IInputFeed
    {
        public bool TryReadNext(ref EngineEvent slot) => false;
    }
}
