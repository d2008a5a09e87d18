using Engine.Ring;

namespace Engine.Benchmarks.Ring;

/// <summary>Consumer that touches every event (sums it) so the consumer side does real, uneliminable work.</summary>
public struct SumHandler : IEventHandler<BenchEvent>
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
