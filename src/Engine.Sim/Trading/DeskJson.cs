using System.Buffers;
using System.Text.Json;

namespace Engine.Sim.Trading;

/// <summary>Which answer an order is written for: POST (placed), DELETE (canceled: no avgPrice) or GET/openOrders (query).</summary>
internal enum OrderShape
{
    Placed,
    Canceled,
    Query,
}

internal enum AlgoShape
{
    Placed,
    Canceled,
    Query,
}

/// <summary>The desk's REST payloads, field for field in Binance's order and JSON types (strings for decimals, padded).</summary>
internal static class DeskJson
{
    public static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            body(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// An order as <c>POST</c>/<c>PUT /fapi/v1/order</c> answer it (with <c>cumQty</c>, no <c>time</c>), as
    /// <c>DELETE</c> does (the same without <c>avgPrice</c>), or as <c>GET /fapi/v1/order</c> and <c>openOrders</c> do
    /// (<c>time</c>, no <c>cumQty</c>), following Binance's documented answers.
    /// </summary>
    public static void Order(Utf8JsonWriter w, DeskOrder o, OrderShape shape)
    {
        bool query = shape == OrderShape.Query;
        DeskSymbol s = o.Symbol;
        w.WriteStartObject();
        w.WriteNumber("orderId", o.OrderId);
        w.WriteString("symbol", s.Name);
        w.WriteString("status", o.Status);
        w.WriteString("clientOrderId", o.ClientOrderId);
        w.WriteString("price", s.Price(o.Price));
        if (shape != OrderShape.Canceled)
        {
            w.WriteString("avgPrice", DeskFormat.Fixed(o.AvgPrice, s.PricePrecision));
        }

        w.WriteString("origQty", s.Quantity(o.OrigQty));
        w.WriteString("executedQty", s.Quantity(o.Filled));
        if (!query)
        {
            w.WriteString("cumQty", s.Quantity(o.Filled));
        }

        w.WriteString("cumQuote", Quote(s, o.CumQuote));
        w.WriteString("timeInForce", o.TimeInForceText);
        w.WriteString("type", o.TypeText);
        w.WriteBoolean("reduceOnly", o.ReduceOnly);
        w.WriteBoolean("closePosition", o.ClosePosition);
        w.WriteString("side", o.SideText);
        w.WriteString("positionSide", "BOTH");
        w.WriteString("stopPrice", s.Price(o.StopPrice));
        w.WriteString("workingType", o.WorkingType);
        w.WriteBoolean("priceProtect", o.PriceProtect);
        w.WriteString("origType", o.OrigType);
        w.WriteString("priceMatch", "NONE");
        w.WriteString("selfTradePreventionMode", o.SelfTradePrevention);
        w.WriteNumber("goodTillDate", 0);
        if (query)
        {
            w.WriteNumber("time", o.TimeMs);
        }

        w.WriteNumber("updateTime", o.UpdateTimeMs);
        w.WriteEndObject();
    }

    /// <summary>
    /// A conditional order as Binance shows it: <see cref="AlgoShape.Placed"/> (POST answer: with the trailing-stop
    /// fields <c>activatePrice</c>/<c>callbackRate</c>, empty), <see cref="AlgoShape.Canceled"/> (DELETE answer) or
    /// <see cref="AlgoShape.Query"/> (GET and openAlgoOrders: with the <c>actual…</c> and TP/SL fields).
    /// </summary>
    public static void Algo(Utf8JsonWriter w, DeskAlgo a, AlgoShape shape)
    {
        bool withActual = shape == AlgoShape.Query;
        DeskSymbol s = a.Symbol;
        w.WriteStartObject();
        w.WriteNumber("algoId", a.AlgoId);
        w.WriteString("clientAlgoId", a.ClientAlgoId);
        w.WriteString("algoType", "CONDITIONAL");
        w.WriteString("orderType", a.OrderType);
        w.WriteString("symbol", s.Name);
        w.WriteString("side", a.Side == Model.Side.Buy ? "BUY" : "SELL");
        w.WriteString("positionSide", "BOTH");
        w.WriteString("timeInForce", DeskParams.TimeInForceText(a.TimeInForce));
        w.WriteString("quantity", s.Quantity(a.Quantity));
        w.WriteString("algoStatus", a.Status);
        if (withActual)
        {
            w.WriteString("actualOrderId", a.Actual is null ? "" : a.Actual.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("actualPrice", DeskFormat.Fixed(a.Actual?.AvgPrice ?? 0m, s.PricePrecision));
            if (a.Actual is not null)
            {
                w.WriteString("actualQty", s.Quantity(a.Actual.Filled));
                w.WriteString("actualType", a.Actual.TypeText);
            }
        }

        w.WriteString("triggerPrice", s.Price(a.TriggerPrice));
        w.WriteString("price", s.Price(a.Price));
        w.WriteNull("icebergQuantity");
        if (withActual)
        {
            string zero = s.Price(default);
            w.WriteString("tpTriggerPrice", zero);
            w.WriteString("tpPrice", zero);
            w.WriteString("slTriggerPrice", zero);
            w.WriteString("slPrice", zero);
            w.WriteString("tpOrderType", "");
        }

        w.WriteString("selfTradePreventionMode", "EXPIRE_MAKER");
        w.WriteString("workingType", a.WorkingType);
        w.WriteString("priceMatch", "NONE");
        w.WriteBoolean("closePosition", a.ClosePosition);
        w.WriteBoolean("priceProtect", a.PriceProtect);
        w.WriteBoolean("reduceOnly", a.ReduceOnly);
        if (shape == AlgoShape.Placed)
        {
            w.WriteString("activatePrice", "");
            w.WriteString("callbackRate", "");
        }

        w.WriteNumber("createTime", a.CreateTimeMs);
        w.WriteNumber("updateTime", a.UpdateTimeMs);
        w.WriteNumber("triggerTime", a.TriggerTimeMs);
        w.WriteNumber("goodTillDate", 0);
        w.WriteEndObject();
    }

    /// <summary>Quote amounts (cumQuote, quoteQty): price decimals + quantity decimals, so every product is exact.</summary>
    public static string Quote(DeskSymbol s, decimal value) => DeskFormat.Fixed(value, Math.Min(8, s.PricePrecision + s.QuantityPrecision));

    /// <summary>Money of the account (balances, PnL, commissions): 8 decimals, as Binance's balances.</summary>
    public static string Money(decimal value) => DeskFormat.Fixed(value, 8);
}
