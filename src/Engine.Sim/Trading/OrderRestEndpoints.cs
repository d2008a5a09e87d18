using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Engine.Sim.Trading;

/// <summary>
/// Signed REST of the trading side: <c>/fapi/v1/order</c> (POST, GET, PUT, DELETE), <c>openOrders</c>,
/// <c>allOpenOrders</c>, <c>userTrades</c>, <c>leverage</c>, <c>marginType</c>, <c>positionSide/dual</c>,
/// <c>multiAssetsMargin</c>, <c>countdownCancelAll</c>, <c>/fapi/v2|v3/positionRisk</c>,
/// <c>/fapi/v2|v3/balance</c>, <c>/fapi/v3/account</c> and the Algo Service (<c>algoOrder</c>, <c>openAlgoOrders</c>,
/// <c>algoOpenOrders</c>). Each request: weight charged (429/418), signature and timestamp checked, for a new order
/// the order count charged and <see cref="SimExchange.RecordOrderReceived"/> stamped, the <c>Orders:*</c> faults
/// applied to order requests (place, modify, cancel), then the desk's answer.
/// </summary>
internal static class OrderRestEndpoints
{
    private delegate DeskResult Operation(SimTradingDesk desk, SimAccount account, DeskParams p);

    /// <summary>How a path counts: its weight, whether it places an order (order count, wire stamp), whether the Orders faults apply.</summary>
    private readonly record struct Kind(int Weight, bool NewOrder, bool OrderRequest);

    private static readonly Kind Place = new(1, true, true);
    private static readonly Kind Change = new(1, false, true);
    private static readonly Kind Read = new(1, false, false);
    private static readonly Kind Heavy = new(5, false, false);
    private static readonly Kind Countdown = new(10, false, false);
    private static readonly Kind Settings = new(30, false, false);

    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        Route(app, exchange, "POST", "/fapi/v1/order", Place, (d, a, p) => d.PlaceOrder(a, p));
        Route(app, exchange, "PUT", "/fapi/v1/order", Change, (d, a, p) => d.ModifyOrder(a, p));
        Route(app, exchange, "DELETE", "/fapi/v1/order", Change, (d, a, p) => d.CancelOrder(a, p));
        Route(app, exchange, "GET", "/fapi/v1/order", Read, (d, a, p) => d.QueryOrder(a, p));
        Route(app, exchange, "GET", "/fapi/v1/openOrders", Read, (d, a, p) => d.OpenOrders(a, p));
        Route(app, exchange, "DELETE", "/fapi/v1/allOpenOrders", Change, (d, a, p) => d.CancelAllOpenOrders(a, p));
        Route(app, exchange, "GET", "/fapi/v1/userTrades", Heavy, (d, a, p) => d.UserTrades(a, p));
        Route(app, exchange, "POST", "/fapi/v1/leverage", Read, (d, a, p) => d.ChangeLeverage(a, p));
        Route(app, exchange, "POST", "/fapi/v1/marginType", Read, (d, a, p) => d.ChangeMarginType(a, p));
        Route(app, exchange, "GET", "/fapi/v1/positionSide/dual", Settings, (d, a, p) => d.PositionMode(a, p));
        Route(app, exchange, "POST", "/fapi/v1/positionSide/dual", Read, (d, a, p) => d.ChangePositionMode(a, p));
        Route(app, exchange, "GET", "/fapi/v1/multiAssetsMargin", Settings, (d, a, p) => d.MultiAssetsMode(a, p));
        Route(app, exchange, "POST", "/fapi/v1/multiAssetsMargin", Read, (d, a, p) => d.ChangeMultiAssetsMode(a, p));
        Route(app, exchange, "POST", "/fapi/v1/countdownCancelAll", Countdown, (d, a, p) => d.CountdownCancelAll(a, p));
        foreach (string v in new[] { "v2", "v3" })
        {
            Route(app, exchange, "GET", $"/fapi/{v}/positionRisk", Heavy, (d, a, p) => d.PositionRisk(a, p));
            Route(app, exchange, "GET", $"/fapi/{v}/balance", Heavy, (d, a, p) => d.Balance(a, p));
        }

        Route(app, exchange, "GET", "/fapi/v3/account", Heavy, (d, a, p) => d.Account(a, p));
        Route(app, exchange, "POST", "/fapi/v1/algoOrder", Place, (d, a, p) => d.PlaceAlgoOrder(a, p));
        Route(app, exchange, "DELETE", "/fapi/v1/algoOrder", Change, (d, a, p) => d.CancelAlgoOrder(a, p));
        Route(app, exchange, "GET", "/fapi/v1/algoOrder", Read, (d, a, p) => d.QueryAlgoOrder(a, p));
        Route(app, exchange, "GET", "/fapi/v1/openAlgoOrders", Read, (d, a, p) => d.OpenAlgoOrders(a, p));
        Route(app, exchange, "DELETE", "/fapi/v1/algoOpenOrders", Change, (d, a, p) => d.CancelAllAlgoOrders(a, p));
    }

    private static void Route(IEndpointRouteBuilder app, SimExchange exchange, string method, string path, Kind kind, Operation op) =>
        app.MapMethods(path, [method], (HttpContext context) => HandleAsync(context, exchange, kind, op));

    private static async Task HandleAsync(HttpContext context, SimExchange exchange, Kind kind, Operation op)
    {
        long received = Stopwatch.GetTimestamp();
        if (kind.NewOrder)
        {
            exchange.RecordOrderReceived(received);
        }

        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        string body = "";
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        SimError? error = RateLimitHttp.ChargeWeight(context, exchange, kind.Weight);
        if (error is not null)
        {
            await RateLimitHttp.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        DeskParams p = ParamsOf(query, body);
        string payload = RequestAuth.RestPayload(query, body, out string? signature);
        error = exchange.Auth.Authenticate(context.Request.Headers["X-MBX-APIKEY"].ToString(), payload, signature, p["timestamp"], p["recvWindow"], out SimAccount account);
        if (error is null && kind.NewOrder)
        {
            error = RateLimitHttp.ChargeOrder(context, exchange, account);
        }

        if (error is not null)
        {
            await RateLimitHttp.WriteErrorAsync(context, error).ConfigureAwait(false);
            return;
        }

        if (kind.OrderRequest && await OrderFaults.InjectAsync(context, exchange, () => op(exchange.Desk, account, p)).ConfigureAwait(false))
        {
            return;
        }

        DeskResult result = op(exchange.Desk, account, p);
        await RateLimitHttp.WriteJsonAsync(context, result.Error?.HttpStatus ?? 200, result.Body).ConfigureAwait(false);
    }

    /// <summary>The query's parameters, then the body's (the query string's value wins when a name is in both, as on Binance).</summary>
    internal static DeskParams ParamsOf(string query, string body)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (string part in new[] { query, body })
        {
            if (part.Length == 0)
            {
                continue;
            }

            foreach (var (name, values) in QueryHelpers.ParseQuery(part))
            {
                foreach (string? v in values)
                {
                    list.Add(new KeyValuePair<string, string>(name, v ?? ""));
                }
            }
        }

        return new DeskParams(list);
    }
}
