using Engine.Ring;
using Engine.Tests.Ring;

namespace Engine.Tests.Stress;

/// <summary>
/// Ten million events through a 1024-slot ring (about ten thousand laps): every sequence is delivered once, in
/// order, from a slot written for that lap, and each producer's own counter arrives in order without gaps.
/// </summary>
public class RingOrderingStressTests
{
    private const int TotalEvents = 10_000_000;
    private const int Capacity = 1024;
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public void SingleProducer_BatchPublishing_DeliversEveryEventInOrder()
    {
        var sequencer = new SingleProducerSequencer(Capacity, new YieldingWaitStrategy());
        var ring = new RingBuffer<TestEvent>(Capacity);
        var processor = new BatchEventProcessor<TestEvent, OrderCheckingHandler>(ring, sequencer.NewBarrier(), new OrderCheckingHandler(1));
        sequencer.AddGatingSequence(processor.Sequence);
        var consumer = StartConsumer(processor);

        long value = 0;
        int batch = 1;
        while (value < TotalEvents)
        {
            int n = (int)Math.Min(batch, TotalEvents - value);
            long hi = sequencer.Next(n);
            for (long seq = hi - n + 1; seq <= hi; seq++)
            {
                ref TestEvent e = ref ring[seq];
                e.Sequence = seq;
                e.Producer = 0;
                e.Value = value++;
            }

            sequencer.Publish(hi - n + 1, hi);
            batch = batch == 16 ? 1 : batch + 1; // claims of 1..16 slots, so batches straddle the wrap point
        }

        AssertDrained(processor, consumer, [TotalEvents]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ConcurrentProducers_DeliverEveryEventOnce_EachProducerInOrder(int producers)
    {
        int perProducer = TotalEvents / producers;
        var sequencer = new MultiProducerSequencer(Capacity, new YieldingWaitStrategy());
        var ring = new RingBuffer<TestEvent>(Capacity);
        var processor = new BatchEventProcessor<TestEvent, OrderCheckingHandler>(ring, sequencer.NewBarrier(), new OrderCheckingHandler(producers));
        sequencer.AddGatingSequence(processor.Sequence);
        var consumer = StartConsumer(processor);

        var threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            int id = p;
            threads[p] = new Thread(() => Produce(sequencer, ring, id, perProducer));
            threads[p].Start();
        }

        foreach (Thread t in threads)
        {
            Assert.True(t.Join(JoinTimeout), "a producer did not finish");
        }

        var expected = new long[producers];
        Array.Fill(expected, perProducer);
        AssertDrained(processor, consumer, expected);
    }

    private static void Produce(MultiProducerSequencer sequencer, RingBuffer<TestEvent> ring, int producer, int count)
    {
        long value = 0;
        while (value < count)
        {
            // Odd producers claim 3 at a time (when enough remain), even ones claim singly.
            int n = producer % 2 == 1 && count - value >= 3 ? 3 : 1;
            long hi = sequencer.Next(n);
            for (long seq = hi - n + 1; seq <= hi; seq++)
            {
                ref TestEvent e = ref ring[seq];
                e.Sequence = seq;
                e.Producer = producer;
                e.Value = value++;
            }

            sequencer.Publish(hi - n + 1, hi);
        }
    }

    private static Thread StartConsumer(BatchEventProcessor<TestEvent, OrderCheckingHandler> processor)
    {
        var consumer = new Thread(() => processor.Run()) { IsBackground = true };
        consumer.Start();
        return consumer;
    }

    private static void AssertDrained(BatchEventProcessor<TestEvent, OrderCheckingHandler> processor, Thread consumer, long[] perProducer)
    {
        processor.HaltWhenDrained();
        Assert.True(consumer.Join(JoinTimeout), "the consumer did not drain");

        ref OrderCheckingHandler h = ref processor.Handler;
        long total = perProducer.Sum();
        Assert.True(h.Errors == 0, $"{h.Errors} out-of-order or stale events, first at sequence {h.FirstErrorSequence}");
        Assert.Equal(total, h.Count);
        Assert.Equal(total - 1, h.LastSequence);
        Assert.Equal(total, h.BatchEventsAnnounced);
        Assert.Equal(perProducer, h.NextValueByProducer);
        Assert.Equal(total - 1, processor.Sequence.Value);
    }
}
