using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.Market;

/// <summary>The market side's paths: public REST (<c>/fapi/v1/ping</c>, <c>/time</c>, …) and the market streams.</summary>
internal static class MarketEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        app.MapGet("/fapi/v1/ping", () => Results.Text("{}", "application/json"));
        app.MapGet("/fapi/v1/time", () => Results.Text($"{{\"serverTime\":{exchange.ServerTimeMs}}}", "application/json"));
    }
}
