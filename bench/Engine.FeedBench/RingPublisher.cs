using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.FeedBench;

/// <summary>
/// The live input ring as the pipeline builds it (ring, multi-producer sequencer, one consumer on its own thread),
/// with a consumer that only counts: what the feed's throughput is measured into.
/// </summary>
internal sealed class RingPublisher : IInputPublisher, IDisposable
{
    private readonly RingBuffer<EngineEvent> _ring;
    private readonly MultiProducerSequencer _sequencer;
    private readonly BatchEventProcessor<EngineEvent, CountingConsumer> _consumer;
    private readonly Thread _thread;

    public RingPublisher(int size)
    {
        _ring = new RingBuffer<EngineEvent>(size);
        _sequencer = new MultiProducerSequencer(size, WaitStrategies.Create(WaitStrategyKind.Yielding));
        _consumer = new BatchEventProcessor<EngineEvent, CountingConsumer>(_ring, _sequencer.NewBarrier(), default);
        _sequencer.AddGatingSequence(_consumer.Sequence);
        _thread = new Thread(() => _consumer.Run()) { IsBackground = true, Name = "ring consumer" };
        _thread.Start();
    }

    /// <summary>Trades the consumer has seen (read after it is drained or stopped for an exact figure).</summary>
    public long Consumed => Volatile.Read(ref _consumer.Handler.Trades);

    public long RingFull => _sequencer.RingFullCount;

    public ref EngineEvent this[long sequence] => ref _ring[sequence];

    public long Claim()
    {
        var spinner = default(SpinWait);
        long sequence;
        while (!_sequencer.TryNext(out sequence))
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return sequence;
    }

    public void Publish(long sequence) => _sequencer.Publish(sequence);

    public void Dispose()
    {
        _consumer.HaltWhenDrained();
        _thread.Join();
    }

    private struct CountingConsumer : IEventHandler<EngineEvent>
    {
        public long Trades;

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref EngineEvent evt, long sequence, bool endOfBatch)
        {
            if (evt.Kind == EventKind.Trade)
            {
                Volatile.Write(ref Trades, Trades + 1);
            }
        }

        public void OnShutdown()
        {
        }
    }
}
