using Engine.Pipeline;
using Engine.Ring;

namespace Engine.TickToOrder;

/// <summary>
/// The gateway's output handler, wrapped: the bytes the gateway's thread allocates while it carries out each order
/// request (<see cref="GC.GetAllocatedBytesForCurrentThread"/> before and after), counted once <see cref="Counting"/>
/// is set, so the first requests (connections, JIT, first calls) are left out. Only this thread's allocations: the
/// sim in the same process, the feed and the engine are not in it.
/// </summary>
internal sealed class AllocationMeter(IEventHandler<OutputEvent> inner) : IEventHandler<OutputEvent>
{
    private volatile bool _counting;

    public bool Counting
    {
        get => _counting;
        set => _counting = value;
    }

    public long Requests { get; private set; }

    public long Bytes { get; private set; }

    public long MaxBytes { get; private set; }

    public void OnStart() => inner.OnStart();

    public void OnBatchStart(long batchSize) => inner.OnBatchStart(batchSize);

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        bool request = _counting && evt.Kind == OutputKind.OrderRequested && evt.Order.Command != Engine.Model.OrderCommand.None;
        long before = request ? GC.GetAllocatedBytesForCurrentThread() : 0;
        inner.OnEvent(ref evt, sequence, endOfBatch);
        if (request)
        {
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Requests++;
            Bytes += bytes;
            MaxBytes = Math.Max(MaxBytes, bytes);
        }
    }

    public void OnShutdown() => inner.OnShutdown();
}
