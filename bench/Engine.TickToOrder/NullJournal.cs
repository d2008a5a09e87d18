using Engine.Pipeline;
using Engine.Ring;

namespace Engine.TickToOrder;

/// <summary>The output ring's journal slot, counting what the engine asked for (nothing is written: the gateway is the subject).</summary>
internal struct NullJournal : IEventHandler<OutputEvent>
{
    public long OrderRequests;

    public void OnStart()
    {
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind == OutputKind.OrderRequested)
        {
            OrderRequests++;
        }
    }

    public void OnShutdown()
    {
    }
}
