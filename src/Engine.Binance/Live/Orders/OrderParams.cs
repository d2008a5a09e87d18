using Engine.Model;

namespace Engine.Binance.Live.Orders;

/// <summary>
/// The parameters of each <see cref="VenueCall"/>, written in ordinal name order: then the text is at once a REST query
/// string and the WS API's signature payload (every parameter but <c>signature</c>, sorted by name). Client ids are
/// <c>{prefix}-{engine id}</c>, so a retry, a query and a cancel of one intent all name the same order.
/// </summary>
public static class OrderParams
{
    public static ReadOnlySpan<byte> PathOf(VenueCall call) => call switch
    {
        VenueCall.PlaceOrder or VenueCall.CancelOrder or VenueCall.QueryOrder => "/fapi/v1/order"u8,
        _ => "/fapi/v1/algoOrder"u8,
    };

    public static bool IsAlgo(VenueCall call) => call is VenueCall.PlaceAlgo or VenueCall.CancelAlgo or VenueCall.QueryAlgo;

    public static bool IsOrderEntry(VenueCall call) => call is VenueCall.PlaceOrder or VenueCall.PlaceAlgo;

    /// <summary>Request weight of the call (Binance: 1 for each of these; the sim charges the same).</summary>
    public static int WeightOf(VenueCall call) => call == VenueCall.None ? 0 : 1;

    /// <summary>
    /// Writes the call's parameters, <c>apiKey</c> first when given (the WS API's per-request signing), then
    /// <c>recvWindow</c> and <c>timestamp</c> in their sorted places.
    /// </summary>
    public static void Write(SignedQuery q, VenueCall call, in OrderRequest r, ReadOnlySpan<byte> symbol, string prefix, long recvWindowMs, long timestampMs, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (apiKey is not null)
        {
            q.Add("apiKey"u8, System.Text.Encoding.ASCII.GetBytes(apiKey)); // cold: the WS API without session.logon
        }

        switch (call)
        {
            case VenueCall.PlaceOrder:
                q.AddClientId("newClientOrderId"u8, prefix, r.ClientId);
                if (r.Type == OrderType.Limit)
                {
                    q.AddDecimal("price"u8, r.Price.E8);
                }

                q.AddDecimal("quantity"u8, r.Quantity.E8);
                q.AddLong("recvWindow"u8, recvWindowMs);
                if (r.ReduceOnly)
                {
                    q.Add("reduceOnly"u8, "true"u8);
                }

                q.Add("side"u8, SideText(r.Side)).Add("symbol"u8, symbol);
                if (r.Type == OrderType.Limit)
                {
                    q.Add("timeInForce"u8, TimeInForceText(r.TimeInForce));
                }

                q.AddLong("timestamp"u8, timestampMs).Add("type"u8, r.Type == OrderType.Limit ? "LIMIT"u8 : "MARKET"u8);
                break;
            case VenueCall.PlaceAlgo:
                q.Add("algoType"u8, "CONDITIONAL"u8).AddClientId("clientAlgoId"u8, prefix, r.ClientId);
                q.AddDecimal("quantity"u8, r.Quantity.E8).AddLong("recvWindow"u8, recvWindowMs);
                if (r.ReduceOnly)
                {
                    q.Add("reduceOnly"u8, "true"u8);
                }

                q.Add("side"u8, SideText(r.Side)).Add("symbol"u8, symbol).AddLong("timestamp"u8, timestampMs);
                q.AddDecimal("triggerPrice"u8, r.StopPrice.E8);
                q.Add("type"u8, r.Type == OrderType.TakeProfitMarket ? "TAKE_PROFIT_MARKET"u8 : "STOP_MARKET"u8);
                break;
            case VenueCall.CancelOrder:
            case VenueCall.QueryOrder:
                q.AddClientId("origClientOrderId"u8, prefix, r.ClientId);
                q.AddLong("recvWindow"u8, recvWindowMs).Add("symbol"u8, symbol).AddLong("timestamp"u8, timestampMs);
                break;
            case VenueCall.CancelAlgo:
            case VenueCall.QueryAlgo:
                q.AddClientId("clientAlgoId"u8, prefix, r.ClientId);
                q.AddLong("recvWindow"u8, recvWindowMs).Add("symbol"u8, symbol).AddLong("timestamp"u8, timestampMs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(call), call, "not a venue call");
        }
    }

    public static ReadOnlySpan<byte> SideText(Side side) => side == Side.Buy ? "BUY"u8 : "SELL"u8;

    public static ReadOnlySpan<byte> TimeInForceText(TimeInForce tif) => tif switch
    {
        TimeInForce.Ioc => "IOC"u8,
        TimeInForce.Fok => "FOK"u8,
        TimeInForce.Gtx => "GTX"u8,
        _ => "GTC"u8,
    };
}
