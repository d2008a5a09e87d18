using Engine.Cli.EventLog.Snapshots;
using Engine.EventLog;
using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;
using Engine.Tests.EventLog;
using Engine.Tests.Pipeline;

namespace Engine.Tests.Cli.EventLog;

/// <summary>
/// Issue 18, the in-process resume: a pipeline writes its journal through the input consumer and stops part-way; a
/// second pipeline gets the state rebuilt from that journal (a snapshot, then the tail) and plays the rest. Its final
/// state is byte for byte that of one engine that played everything without stopping.
/// </summary>
public sealed class PipelineResumeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("engine-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Resume_InAFreshPipeline_EndsInTheUninterruptedState()
    {
        List<EngineEvent> input = JournalReplayInput.RealTradesWithCommands(withEnd: false);
        int stop = input.Count / 2;
        var runtime = new PipelineRuntime { EngineWait = WaitStrategyKind.Yielding, EngineCpu = -1, FeedCpu = -1, JournalCpu = -1, InputRingSize = 1024, OutputRingSize = 1 << 14 };

        // First run: the journal is the pipeline's input consumer; a snapshot is taken a third of the way in.
        using (EventJournalWriter writer = EventJournalWriter.Create(Path.Combine(_dir, EventJournal.FileName), ["BTCUSDT"], new EventJournalOptions { CommitIntervalMs = 1 }))
        {
            var first = new EnginePipeline<NoJournal>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, default, new PipelineAttachments { InputConsumer = writer });
            first.Run(new ListFeed(input, 0, stop), CancellationToken.None);
            Assert.Equal(stop, writer.NextPosition); // every event, none twice, not the end marker
        }

        using (var taker = new SnapshotTaker(Fresh(), EngineSnapshot.FingerprintOf(Fresh()), _dir, new SymbolRegistry(["BTCUSDT"])))
        {
            Assert.NotNull(taker.TakeSnapshot(stop / 3));
        }

        // Resume: rebuild, hand the state to the new pipeline's engine, play the rest.
        TradingEngine<DiscardingOutputSink> rebuilt = Fresh();
        RestoreOutcome outcome = EngineRestore.Restore(rebuilt, _dir, new SymbolRegistry(["BTCUSDT"]));
        Assert.Equal(stop / 3, outcome.SnapshotPosition);
        Assert.Equal(stop, outcome.Position);
        var second = new EnginePipeline<NoJournal>(PipelineFixtures.ShortIntervalDeltaScout(), runtime, default);
        byte[] state = EngineSnapshot.StateOf(rebuilt);
        EngineSnapshot.Load(second.Engine, state);
        Assert.Equal(state, EngineSnapshot.StateOf(second.Engine)); // across sink types: the sink is no state
        second.Run(new ListFeed(input, stop, input.Count), CancellationToken.None);

        TradingEngine<DiscardingOutputSink> uninterrupted = Fresh();
        foreach (EngineEvent e in input)
        {
            EngineEvent slot = e;
            uninterrupted.OnEvent(ref slot);
        }

        EngineEvent end = default;
        end.Kind = EventKind.EndOfStream;
        uninterrupted.OnEvent(ref end);
        Assert.True(uninterrupted.Counters.OrderRequests > 0);
        Assert.Equal(EngineSnapshot.StateOf(uninterrupted), EngineSnapshot.StateOf(second.Engine));
    }

    private static TradingEngine<DiscardingOutputSink> Fresh() => new(PipelineFixtures.ShortIntervalDeltaScout(), new DiscardingOutputSink());

    private sealed class ListFeed(List<EngineEvent> events, int from, int to) : IInputFeed
    {
        private int _next = from;

        public bool TryReadNext(ref EngineEvent slot)
        {
            if (_next >= to)
            {
                return false;
            }

            slot = events[_next++];
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
}
