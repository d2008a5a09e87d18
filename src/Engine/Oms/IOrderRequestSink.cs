using Engine.Model;

namespace Engine.Oms;

/// <summary>Where the OMS writes its order requests (the output ring, a paper venue's queue). Implemented by structs.</summary>
public interface IOrderRequestSink
{
    void OnOrderRequest(in OrderRequest request);
}
