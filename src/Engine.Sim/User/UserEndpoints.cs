using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.User;

/// <summary>The user side's paths: the listenKey REST endpoints, the user-data sockets and the WS API.</summary>
internal static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        ListenKeyEndpoints.Map(app, exchange);
        UserSocketEndpoints.Map(app, exchange);
        WsApi.WsApiEndpoint.Map(app, exchange);
    }
}
