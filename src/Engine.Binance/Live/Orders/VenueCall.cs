namespace Engine.Binance.Live.Orders;

/// <summary>One signed order request the gateway makes. Conditional orders (stop, take-profit) go to the Algo Service.</summary>
public enum VenueCall : byte
{
    None = 0,

    /// <summary>POST /fapi/v1/order (WS API <c>order.place</c>).</summary>
    PlaceOrder = 1,

    /// <summary>DELETE /fapi/v1/order by <c>origClientOrderId</c> (<c>order.cancel</c>).</summary>
    CancelOrder = 2,

    /// <summary>GET /fapi/v1/order by <c>origClientOrderId</c> (<c>order.status</c>).</summary>
    QueryOrder = 3,

    /// <summary>POST /fapi/v1/algoOrder, <c>algoType=CONDITIONAL</c>.</summary>
    PlaceAlgo = 4,

    /// <summary>DELETE /fapi/v1/algoOrder by <c>clientAlgoId</c>.</summary>
    CancelAlgo = 5,

    /// <summary>GET /fapi/v1/algoOrder by <c>clientAlgoId</c>.</summary>
    QueryAlgo = 6,
}
