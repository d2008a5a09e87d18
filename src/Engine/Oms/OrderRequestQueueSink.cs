using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms;

/// <summary>Collects order requests into a preallocated queue for a consumer on the same thread (the paper venue, tests).</summary>
public readonly struct OrderRequestQueueSink : IOrderRequestSink
{
    public OrderRequestQueueSink(FixedQueue<OrderRequest> queue) => Queue = queue;

    public FixedQueue<OrderRequest> Queue { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnOrderRequest(in OrderRequest request) => Queue.TryEnqueue(in request);
}
