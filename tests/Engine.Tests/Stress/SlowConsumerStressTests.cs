using Engine.Ring;
using Engine.Tests.Ring;

namespace Engine.Tests.Stress;

/// <summary>A consumer slower than its producer is never overrun: no slot changes while it is being read.</summary>
public class SlowConsumerStressTests
{
    private const int Events = 200_000;
    private const int Capacity = 64;

    [Fact]
    public void BlockingClaims_NeverOverwriteASlotTheConsumerIsReading()
    {
        var sequencer = new SingleProducerSequencer(Capacity, new YieldingWaitStrategy());
        var (ring, processor, consumer) = Start(sequencer);

        for (long i = 0; i < Events; i++)
        {
            long seq = sequencer.Next();
            Write(ring, seq, i);
            sequencer.Publish(seq);
        }

        Finish(processor, consumer);
    }

    [Fact]
    public void TryNext_OnAFullRing_ReturnsFalseAndCounts_WithoutLosingAnEvent()
    {
        var sequencer = new MultiProducerSequencer(Capacity, new YieldingWaitStrategy());
        var (ring, processor, consumer) = Start(sequencer);

        long refusals = 0;
        for (long i = 0; i < Events; i++)
        {
            long seq;
            while (!sequencer.TryNext(out seq))
            {
                refusals++;
                Thread.Yield();
            }

            Write(ring, seq, i);
            sequencer.Publish(seq);
        }

        Finish(processor, consumer);
        Assert.True(refusals > 0, "the slow consumer should have filled the ring at least once");
        Assert.Equal(refusals, sequencer.RingFullCount);
    }

    [Fact]
    public void SingleProducerBatchClaims_OnAFullRing_NeverOverwriteAnUnconsumedSlot_AndArriveInOrder()
    {
        // As the pipeline's feed claims the input ring: TryNext(n), yield on a full ring, fill, publish the range.
        const int batch = 16;
        var sequencer = new SingleProducerSequencer(Capacity, new YieldingWaitStrategy());
        var (ring, processor, consumer) = Start(sequencer);

        long refusals = 0;
        for (long i = 0; i < Events; i += batch)
        {
            long high;
            while (!sequencer.TryNext(batch, out high))
            {
                refusals++;
                Thread.Yield();
            }

            long low = high - batch + 1;
            for (long s = low; s <= high; s++)
            {
                Write(ring, s, i + (s - low));
            }

            sequencer.Publish(low, high);
        }

        Finish(processor, consumer);
        Assert.True(refusals > 0, "the slow consumer should have filled the ring at least once");
        Assert.Equal(refusals, sequencer.RingFullCount);
    }

    private static (RingBuffer<TestEvent>, BatchEventProcessor<TestEvent, SlowCheckingHandler>, Thread) Start(Sequencer sequencer)
    {
        var ring = new RingBuffer<TestEvent>(Capacity);
        var processor = new BatchEventProcessor<TestEvent, SlowCheckingHandler>(ring, sequencer.NewBarrier(), default);
        sequencer.AddGatingSequence(processor.Sequence);
        var consumer = new Thread(() => processor.Run()) { IsBackground = true };
        consumer.Start();
        return (ring, processor, consumer);
    }

    private static void Write(RingBuffer<TestEvent> ring, long seq, long value)
    {
        ref TestEvent e = ref ring[seq];
        e.Sequence = seq;
        e.Value = value;
        e.Stage1 = (value * 31) ^ seq; // checksum of the two fields above
    }

    private static void Finish(BatchEventProcessor<TestEvent, SlowCheckingHandler> processor, Thread consumer)
    {
        processor.HaltWhenDrained();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(120)));
        ref SlowCheckingHandler h = ref processor.Handler;
        Assert.True(h.Overruns == 0, $"{h.Overruns} slots changed or were stale while being read");
        Assert.Equal(Events, h.Count);
    }

    private struct SlowCheckingHandler : IEventHandler<TestEvent>
    {
        public long Count;
        public long Overruns;
        private ulong _work;

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            bool before = evt.Sequence == sequence && evt.Value == Count && evt.Stage1 == ((evt.Value * 31) ^ sequence);
            for (int i = 0; i < 200; i++)
            {
                _work = (_work * 6364136223846793005UL) + 1442695040888963407UL; // slow: some dependent arithmetic
            }

            if (_work == 42)
            {
                Thread.Yield(); // keeps the loop from being optimised away
            }

            bool after = evt.Sequence == sequence && evt.Stage1 == ((Count * 31) ^ sequence);
            if (!before || !after)
            {
                Overruns++;
            }

            Count++;
        }

        public void OnShutdown()
        {
        }
    }
}
