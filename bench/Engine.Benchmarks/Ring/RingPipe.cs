using Engine.Ring;

namespace Engine.Benchmarks.Ring;

/// <summary>One ring, its sequencer and one consumer processor, run on a fresh thread per benchmark invocation.</summary>
public sealed class RingPipe
{
    public const int Capacity = 1 << 16;

    private readonly BatchEventProcessor<BenchEvent, CountingHandler> _processor;
    private Thread? _consumer;

    public RingPipe(IWaitStrategy waitStrategy, bool multiProducer)
    {
        Sequencer = multiProducer
            ? new MultiProducerSequencer(Capacity, waitStrategy)
            : new SingleProducerSequencer(Capacity, waitStrategy);
        Ring = new RingBuffer<BenchEvent>(Capacity);
        _processor = new BatchEventProcessor<BenchEvent, CountingHandler>(Ring, Sequencer.NewBarrier(), default);
        Sequencer.AddGatingSequence(_processor.Sequence);
    }

    public Sequencer Sequencer { get; }

    public RingBuffer<BenchEvent> Ring { get; }

    public void StartConsumer()
    {
        _consumer = new Thread(() => _processor.Run()) { IsBackground = true, Name = "ring consumer" };
        _consumer.Start();
    }

    /// <summary>Waits for everything published so far to be consumed; returns the consumer's running sum.</summary>
    public long DrainAndStop()
    {
        _processor.HaltWhenDrained();
        _consumer!.Join();
        return _processor.Handler.Sum;
    }

    /// <summary>Publishes <paramref name="count"/> events in claims of <paramref name="batch"/> (count must be a multiple).</summary>
    public static void PublishBatches(SingleProducerSequencer sequencer, RingBuffer<BenchEvent> ring, int count, int batch)
    {
        for (int i = 0; i < count; i += batch)
        {
            long hi = sequencer.Next(batch);
            long lo = hi - batch + 1;
            for (long s = lo; s <= hi; s++)
            {
                ring[s].Value = s;
            }

            sequencer.Publish(lo, hi);
        }
    }

    /// <summary>The same loop over the multi-producer sequencer; a separate overload so calls bind to the sealed type.</summary>
    public static void PublishBatches(MultiProducerSequencer sequencer, RingBuffer<BenchEvent> ring, int count, int batch)
    {
        for (int i = 0; i < count; i += batch)
        {
            long hi = sequencer.Next(batch);
            long lo = hi - batch + 1;
            for (long s = lo; s <= hi; s++)
            {
                ring[s].Value = s;
            }

            sequencer.Publish(lo, hi);
        }
    }
}
