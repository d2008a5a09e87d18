using Engine.Ring;

namespace Engine.Latency;

/// <summary>Throughput consumer: reads every event's value so the work cannot be elided.</summary>
internal struct CountingHandler : IEventHandler<BenchEvent>
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
