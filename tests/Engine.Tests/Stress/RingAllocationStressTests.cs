using Engine.Ring;
using Engine.Tests.Ring;

namespace Engine.Tests.Stress;

/// <summary>
/// After warm-up, moving a million events allocates zero bytes on the producer thread and on the consumer thread,
/// and no garbage collection runs meanwhile.
/// </summary>
public class RingAllocationStressTests
{
    private const int WarmUpEvents = 200_000;
    private const int MeasuredEvents = 1_000_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MovingAMillionEvents_AllocatesNothing_OnEitherThread(bool multiProducer)
    {
        Sequencer sequencer = multiProducer
            ? new MultiProducerSequencer(1024, new YieldingWaitStrategy())
            : new SingleProducerSequencer(1024, new YieldingWaitStrategy());
        var ring = new RingBuffer<TestEvent>(1024);
        var processor = new BatchEventProcessor<TestEvent, AllocationProbeHandler>(
            ring, sequencer.NewBarrier(), new AllocationProbeHandler { WarmUp = WarmUpEvents, Total = WarmUpEvents + MeasuredEvents });
        sequencer.AddGatingSequence(processor.Sequence);

        long producerBytes = -1;
        int[] collectionsBefore = new int[3];
        int[] collectionsAfter = new int[3];
        var consumer = new Thread(() => processor.Run()) { IsBackground = true };
        var producer = new Thread(() =>
        {
            Publish(sequencer, ring, 0, WarmUpEvents);
            for (int g = 0; g < 3; g++)
            {
                collectionsBefore[g] = GC.CollectionCount(g);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            Publish(sequencer, ring, WarmUpEvents, MeasuredEvents);
            producerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        consumer.Start();
        producer.Start();
        Assert.True(producer.Join(TimeSpan.FromSeconds(120)));
        processor.HaltWhenDrained();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(120)));
        for (int g = 0; g < 3; g++)
        {
            collectionsAfter[g] = GC.CollectionCount(g);
        }

        ref AllocationProbeHandler h = ref processor.Handler;
        Assert.Equal(WarmUpEvents + MeasuredEvents, h.Count);
        Assert.Equal(0, h.Errors);
        Assert.Equal(0, producerBytes);
        Assert.Equal(0, h.BytesAtEnd - h.BytesAtWarmUp);
        Assert.Equal(collectionsBefore, collectionsAfter);
    }

    private static void Publish(Sequencer sequencer, RingBuffer<TestEvent> ring, long first, int count)
    {
        for (long i = first; i < first + count; i++)
        {
            long seq = sequencer.Next();
            ref TestEvent e = ref ring[seq];
            e.Sequence = seq;
            e.Value = i;
            sequencer.Publish(seq);
        }
    }

    private struct AllocationProbeHandler : IEventHandler<TestEvent>
    {
        public long WarmUp;
        public long Total;
        public long Count;
        public long Errors;
        public long BytesAtWarmUp;
        public long BytesAtEnd;

        public void OnStart()
        {
        }

        public void OnBatchStart(long batchSize)
        {
        }

        public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
        {
            if (evt.Sequence != sequence || evt.Value != Count)
            {
                Errors++;
            }

            Count++;
            if (Count == WarmUp)
            {
                BytesAtWarmUp = GC.GetAllocatedBytesForCurrentThread();
            }
            else if (Count == Total)
            {
                BytesAtEnd = GC.GetAllocatedBytesForCurrentThread();
            }
        }

        public void OnShutdown()
        {
        }
    }
}
