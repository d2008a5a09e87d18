using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.Trading;

/// <summary>The trading side's paths: signed REST orders, the Algo Service, the user data stream and the WS API.</summary>
internal static class TradingEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(exchange);
        OrderRestEndpoints.Map(app, exchange);
        User.UserEndpoints.Map(app, exchange);
    }
}
