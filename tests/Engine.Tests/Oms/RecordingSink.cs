using Engine.Model;
using Engine.Oms;

namespace Engine.Tests.Oms;

/// <summary>A sink that keeps the last request and a count, without allocating (a struct over a shared box).</summary>
internal readonly struct RecordingSink : IOrderRequestSink
{
    private readonly Box _box;

    public RecordingSink(Box box) => _box = box;

    public void OnOrderRequest(in OrderRequest request)
    {
        _box.Last = request;
        _box.Count++;
        if (_box.All is not null)
        {
            _box.All.Add(request);
        }
    }

    internal sealed class Box
    {
        public OrderRequest Last;
        public long Count;
        public List<OrderRequest>? All;
    }
}
