using Engine.Metrics;
using Engine.Model;
using Engine.Ring;
using Engine.Timing;

namespace Engine.Latency;

/// <summary>The floor's "engine": no stages at all, it only records completion − intended start of each trade.</summary>
internal struct FloorHandler : IEventHandler<EngineEvent>
{
    private readonly Histogram _latency;
    private readonly long _warmupEvents;

    public FloorHandler(Histogram latency, long warmupEvents)
    {
        _latency = latency;
        _warmupEvents = warmupEvents;
    }

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref EngineEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind != EventKind.Trade || sequence < _warmupEvents)
        {
            return;
        }

        long nanos = EngineClock.ElapsedNanos(evt.ReceivedTimestamp, EngineClock.Timestamp());
        _latency.RecordValue(nanos < 1 ? 1 : nanos);
    }

    public void OnShutdown()
    {
    }
}
