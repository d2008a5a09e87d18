using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.Market;

/// <summary>The market side's paths: public REST (<c>/fapi/v1/ping</c>, <c>/time</c>, …), the market streams and the admin endpoint.</summary>
internal static class MarketEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        app.MapGet("/fapi/v1/ping", (HttpContext http) => Charged(http, exchange, 1, () => Results.Text("{}", "application/json")));
        app.MapGet("/fapi/v1/time", (HttpContext http) => Charged(http, exchange, 1, () => Results.Text($"{{\"serverTime\":{exchange.ServerTimeMs}}}", "application/json")));
        app.MapGet("/fapi/v1/exchangeInfo", (HttpContext http) => Charged(http, exchange, 1, () => MarketRest.ExchangeInfo(exchange)));
        app.MapGet("/fapi/v1/aggTrades", (HttpContext http) =>
        {
            exchange.MarketSide?.CountBackfillRequest(); // before anything may refuse it: the client counts each request it sends
            return Charged(http, exchange, 20, () => Unavailable(exchange) ?? WithMarket(exchange, m => MarketRest.AggTrades(m, http.Request.Query)));
        });
        app.MapGet("/fapi/v1/premiumIndex", (HttpContext http) =>
            Charged(http, exchange, http.Request.Query.ContainsKey("symbol") ? 1 : 10, () => WithMarket(exchange, m => MarketRest.PremiumIndex(m, http.Request.Query))));
        app.MapGet("/fapi/v1/depth", (HttpContext http) => Charged(http, exchange, 20, () => WithMarket(exchange, m => MarketRest.Depth(m, http.Request.Query))));
        MarketSockets.Map(app, () => exchange.MarketSide);
        AdminEndpoints.Map(app, exchange);
    }

    /// <summary>
    /// Public REST is charged its request weight through the trading side's limiter (Binance's weights: ping, time,
    /// exchangeInfo 1; aggTrades and depth 20; premiumIndex 1, or 10 without a symbol): the weight headers are set, and
    /// a 429/418 refusal replaces <paramref name="handle"/>'s answer.
    /// </summary>
    private static IResult Charged(HttpContext http, SimExchange exchange, int weight, Func<IResult> handle)
    {
        Trading.SimError? refused = Trading.RateLimitHttp.ChargeWeight(http, exchange, weight);
        return refused is null ? handle() : MarketRest.Json(System.Text.Encoding.UTF8.GetString(refused.ToJson()), refused.HttpStatus);
    }

    public const string AggTrades5xx = "Market:AggTradesHttp5xxRate";

    /// <summary>
    /// The <c>Market:AggTradesHttp5xxRate</c> fault: a 503 with Binance's -1008 body instead of the backfill, counted. The
    /// exchange's seeded fault dice decide, so a run's sequence of answers is the same every time.
    /// </summary>
    private static IResult? Unavailable(SimExchange exchange)
    {
        if (!exchange.Roll(exchange.Faults.Market.AggTradesHttp5xxRate))
        {
            return null;
        }

        exchange.FaultsInjected.Count(AggTrades5xx);
        return MarketRest.Json("{\"code\":-1008,\"msg\":\"Server is currently overloaded with other requests. Please try again in a few minutes.\"}", StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult WithMarket(SimExchange exchange, Func<MarketService, IResult> handle) =>
        exchange.MarketSide is MarketService market ? handle(market) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
}
