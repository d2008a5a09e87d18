using Engine.Ring;

namespace Engine.BenchShared;

/// <summary>Throughput consumer: counts and sums every event's value so the consumer's work cannot be elided.</summary>
public struct CountingHandler : IEventHandler<BenchEvent>
{
    public long Count;
    public long Sum;

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref BenchEvent evt, long sequence, bool endOfBatch)
    {
        Sum += evt.Value;
        Count++;
    }

    public void OnShutdown()
    {
    }
}
