using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.User;

/// <summary>
/// The user-data socket paths, under Binance's <c>/private</c> routing: <c>/private/ws?listenKey=K</c> and
/// <c>/private/ws/K</c> (raw events), <c>/private/stream?listenKey=K</c> or <c>?streams=K</c> (combined envelope); each
/// takes an optional <c>events=A/B</c> filter. A missing, unknown or expired key is refused before the upgrade
/// (HTTP 400, -1125).
/// </summary>
internal static class UserSocketEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        app.Map("/private/ws", context => AcceptAsync(context, exchange, context.Request.Query["listenKey"], combined: false));
        app.Map("/private/ws/{listenKey}", context => AcceptAsync(context, exchange, context.Request.RouteValues["listenKey"] as string, combined: false));
        app.Map("/private/stream", context =>
        {
            string? key = context.Request.Query["listenKey"];
            if (string.IsNullOrEmpty(key))
            {
                key = FirstOf(context.Request.Query["streams"]);
            }

            return AcceptAsync(context, exchange, key, combined: true);
        });
    }

    private static async Task AcceptAsync(HttpContext context, SimExchange exchange, string? listenKey, bool combined)
    {
        UserStream stream = exchange.UserStream;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ListenKeyEndpoints.BinanceError(StatusCodes.Status400BadRequest, -1100, "A WebSocket upgrade is required.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        ListenKey? key = string.IsNullOrEmpty(listenKey) ? null : stream.Keys.Find(listenKey);
        if (key is null)
        {
            stream.Stats.SocketRefused();
            await ListenKeyEndpoints.BinanceError(StatusCodes.Status400BadRequest, -1125, "This listenKey does not exist.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        UserStreamLimits limits = exchange.Options.User;
        using System.Net.WebSockets.WebSocket ws = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = limits.PingInterval,
            KeepAliveTimeout = limits.PongTimeout, // pings are answered or the runtime aborts the socket
        }).ConfigureAwait(false);
        var socket = new UserSocket(ws, key, combined, EventFilter(context.Request.Query["events"]), stream.Stats);
        if (!stream.Keys.Attach(key, socket))
        {
            await ws.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "listenKey expired", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        stream.Stats.SocketOpened();
        try
        {
            await socket.RunAsync(limits.ConnectionLifetime, stream.Stopping).ConfigureAwait(false);
        }
        finally
        {
            stream.Keys.Detach(socket);
        }
    }

    /// <summary><c>events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE</c> (commas accepted too); null = every event.</summary>
    internal static HashSet<string>? EventFilter(string? events)
    {
        if (string.IsNullOrWhiteSpace(events))
        {
            return null;
        }

        return [.. events.Split(['/', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private static string? FirstOf(string? streams) =>
        string.IsNullOrEmpty(streams) ? null : streams.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
}
