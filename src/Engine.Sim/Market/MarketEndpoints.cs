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
        app.MapGet("/fapi/v1/aggTrades", (HttpContext http) => Charged(http, exchange, 20, () => WithMarket(exchange, m => MarketRest.AggTrades(m, http.Request.Query))));
        app.MapGet("/fapi/v1/premiumIndex", (HttpContext http) =>
            Charged(http, exchange, http.Request.Query.ContainsKey("symbol") ? 1 : 10, () => WithMarket(exchange, m => MarketRest.PremiumIndex(m, http.Request.Query))));
        app.MapGet("/fapi/v1/depth", (HttpContext http) => Charged(http, exchange, 20, () => WithMarket(exchange, m => MarketRest.Depth(m, http.Request.Query))));
        MarketSockets.Map(app, () => exchange.MarketSide);
        AdminEndpoints.Map(app, exchange);
    }

    /// <summary>
    /// LIMITS HOOK, the one call site where public REST is charged its request weight (Binance's weights: ping, time,
    /// exchangeInfo 1; aggTrades and depth 20; premiumIndex 1, or 10 without a symbol). Connect it to the trading side's
    /// limiter (<c>exchange.Limits</c>, simorders) so a 429/418 answer replaces <paramref name="handle"/>'s result and
    /// the weight headers are set; until then public REST is not charged.
    /// </summary>
    private static IResult Charged(HttpContext http, SimExchange exchange, int weight, Func<IResult> handle)
    {
        _ = http;
        _ = exchange;
        _ = weight;
        return handle();
    }

    private static IResult WithMarket(SimExchange exchange, Func<MarketService, IResult> handle) =>
        exchange.MarketSide is MarketService market ? handle(market) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
}
