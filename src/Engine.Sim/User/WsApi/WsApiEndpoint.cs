using System.Net.WebSockets;
using Engine.Sim.Trading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.User.WsApi;

/// <summary>
/// <c>/ws-fapi/v1</c>: the WS API socket. The handshake costs weight 5 (refused with 429/418 before the upgrade when
/// the client is over its limit); <c>?returnRateLimits=false</c> leaves <c>rateLimits</c> out of every response.
/// Pings, the pong timeout and the connection lifetime follow <see cref="UserStreamLimits"/>.
/// </summary>
internal static class WsApiEndpoint
{
    public const int HandshakeWeight = 5;

    public static void Map(IEndpointRouteBuilder app, SimExchange exchange) =>
        app.Map("/ws-fapi/v1", context => AcceptAsync(context, exchange));

    private static async Task AcceptAsync(HttpContext context, SimExchange exchange)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await RateLimitHttp.WriteErrorAsync(context, SimError.BadRequest(-1100, "A WebSocket upgrade is required.")).ConfigureAwait(false);
            return;
        }

        SimError? refused = RateLimitHttp.ChargeWeight(context, exchange, HandshakeWeight);
        if (refused is not null)
        {
            await RateLimitHttp.WriteErrorAsync(context, refused).ConfigureAwait(false);
            return;
        }

        UserStreamLimits limits = exchange.Options.User;
        using WebSocket ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = limits.PingInterval,
            KeepAliveTimeout = limits.PongTimeout,
        }).ConfigureAwait(false);
        bool returnRateLimits = !string.Equals(context.Request.Query["returnRateLimits"], "false", StringComparison.OrdinalIgnoreCase);
        using var connection = new WsApiConnection(ws, exchange, RateLimitHttp.ClientOf(context), returnRateLimits);
        exchange.WsApiStats.Connected();
        await connection.RunAsync(limits.ConnectionLifetime, exchange.WsApiStats, exchange.UserStream.Stopping).ConfigureAwait(false);
    }
}
