using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.Market;

/// <summary>
/// The market-stream paths, as Binance's USD-M routes them since 2026: <c>/market/ws/&lt;stream&gt;</c> and
/// <c>/market/stream?streams=a/b</c> for aggTrade, trade and markPrice; <c>/public/ws/…</c> and
/// <c>/public/stream?streams=…</c> for bookTicker and depth. A stream subscribed on the other path is accepted and
/// delivers nothing. The legacy <c>/ws</c> and <c>/stream</c> are not served (404).
/// </summary>
internal static class MarketSockets
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public static void Map(IEndpointRouteBuilder app, Func<MarketService?> market)
    {
        foreach ((string prefix, StreamRoute route) in new[] { ("/market", StreamRoute.Market), ("/public", StreamRoute.Public) })
        {
            app.Map(prefix + "/ws", context => Serve(context, market(), route, combined: false, ""));
            app.Map(prefix + "/ws/{**streams}", context => Serve(context, market(), route, combined: false, (string?)context.Request.RouteValues["streams"] ?? ""));
            app.Map(prefix + "/stream", context => Serve(context, market(), route, combined: true, context.Request.Query["streams"].ToString()));
        }
    }

    private static async Task Serve(HttpContext context, MarketService? market, StreamRoute route, bool combined, string streams)
    {
        if (market is null || !context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("a WebSocket upgrade is expected here\n").ConfigureAwait(false);
            return;
        }

        string[] names = streams.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.FirstOrDefault(n => !StreamNames.TryParse(n, out _, out _, out _)) is string bad)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"invalid stream name: {bad}\n").ConfigureAwait(false);
            return;
        }

        Stream upgraded = await UpgradeAsync(context).ConfigureAwait(false);
        var wire = new WireStream(upgraded);
        WebSocket socket = WebSocket.CreateFromStream(wire, new WebSocketCreationOptions
        {
            IsServer = true,
            KeepAliveInterval = market.Limits.PingInterval,
            KeepAliveTimeout = market.Limits.PongTimeout,
        });
        var connection = new MarketConnection(context, socket, wire, market, combined, route);
        await connection.RunAsync(names).ConfigureAwait(false);
    }

    /// <summary>The RFC 6455 handshake by hand, so the sim owns the stream under the socket (batched writes).</summary>
    private static async Task<Stream> UpgradeAsync(HttpContext context)
    {
        IHttpUpgradeFeature upgrade = context.Features.Get<IHttpUpgradeFeature>()
            ?? throw new InvalidOperationException("the server cannot upgrade this connection");
        string key = context.Request.Headers["Sec-WebSocket-Key"].ToString();
#pragma warning disable CA5350 // RFC 6455 fixes SHA-1 for the accept key; it is no security measure here
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid)));
#pragma warning restore CA5350
        context.Response.Headers.Connection = "Upgrade";
        context.Response.Headers.Upgrade = "websocket";
        context.Response.Headers.SecWebSocketAccept = accept;
        return await upgrade.UpgradeAsync().ConfigureAwait(false);
    }
}
