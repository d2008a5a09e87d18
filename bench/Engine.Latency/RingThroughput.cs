using System.Diagnostics;
using Engine.Interop;
using Engine.Ring;

namespace Engine.Latency;

/// <summary>1P->1C through our ring: busy-spin consumer, producer claiming and publishing batches.</summary>
internal static class RingThroughput
{
    private const int Capacity = 1 << 16;
    private const int Batch = 256;
    private const int BatchesBetweenClockReads = 64;

    public static double MeasureEventsPerSecond(TimeSpan duration)
    {
        var sequencer = new SingleProducerSequencer(Capacity, new BusySpinWaitStrategy());
        var ring = new RingBuffer<BenchEvent>(Capacity);
        var processor = new BatchEventProcessor<BenchEvent, CountingHandler>(ring, sequencer.NewBarrier(), default);
        sequencer.AddGatingSequences(processor.Sequence);

        var consumer = new Thread(() =>
        {
            ThreadAffinity.TryPinCurrentThread(1, out _);
            processor.Run();
        })
        { IsBackground = true, Name = "ring consumer" };
        consumer.Start();

        long start = Stopwatch.GetTimestamp();
        long deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        do
        {
            for (int b = 0; b < BatchesBetweenClockReads; b++)
            {
                long hi = sequencer.Next(Batch);
                for (long s = hi - Batch + 1; s <= hi; s++)
                {
                    ring[s].Value = s;
                }

                sequencer.Publish(hi - Batch + 1, hi);
            }
        }
        while (Stopwatch.GetTimestamp() < deadline);

        processor.HaltWhenDrained();
        consumer.Join();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return processor.Handler.Count / seconds;
    }
}
