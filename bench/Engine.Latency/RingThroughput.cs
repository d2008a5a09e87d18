using System.Diagnostics;
using Engine.Interop;
using Engine.Ring;

namespace Engine.Latency;

/// <summary>1P->1C through our ring: a consumer with the given wait strategy (busy-spin for the headline figure), producer claiming and publishing batches. Reusable across runs.</summary>
internal sealed class RingThroughput
{
    private const int Capacity = 1 << 16;
    private const int Batch = 256;
    private const int BatchesBetweenClockReads = 64;

    private readonly SingleProducerSequencer _sequencer;
    private readonly RingBuffer<BenchEvent> _ring = new(Capacity);
    private readonly BatchEventProcessor<BenchEvent, CountingHandler> _processor;

    public RingThroughput(IWaitStrategy waitStrategy)
    {
        _sequencer = new SingleProducerSequencer(Capacity, waitStrategy);
        _processor = new BatchEventProcessor<BenchEvent, CountingHandler>(_ring, _sequencer.NewBarrier(), default);
        _sequencer.AddGatingSequence(_processor.Sequence);
    }

    public double MeasureEventsPerSecond(TimeSpan duration)
    {
        long countBefore = _processor.Handler.Count;
        var consumer = new Thread(() =>
        {
            ThreadAffinity.TryPinCurrentThread(1, out _);
            _processor.Run();
        })
        { IsBackground = true, Name = "ring consumer" };
        consumer.Start();

        SingleProducerSequencer sequencer = _sequencer;
        RingBuffer<BenchEvent> ring = _ring;
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

        _processor.HaltWhenDrained();
        consumer.Join();
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return (_processor.Handler.Count - countBefore) / seconds;
    }
}
