using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.User;

/// <summary>
/// <c>POST/PUT/DELETE /fapi/v1/listenKey</c>, as Binance serves them: <c>X-MBX-APIKEY</c> only (USER_STREAM security,
/// no signature), weight 1. POST returns the account's active key extended, or a new one; PUT extends it (-1125 when
/// the account has none); DELETE closes it and its sockets.
/// </summary>
internal static class ListenKeyEndpoints
{
    private const string Path = "/fapi/v1/listenKey";

    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        app.MapPost(Path, (HttpContext context) => Create(context, exchange));
        app.MapPut(Path, (HttpContext context) => KeepAlive(context, exchange));
        app.MapDelete(Path, (HttpContext context) => Close(context, exchange));
    }

    private static IResult Create(HttpContext context, SimExchange exchange)
    {
        if (!exchange.TryUserStreamAccount(context, out string apiKey, out IResult? refused))
        {
            return refused;
        }

        UserStream stream = exchange.UserStream;
        ListenKey key = stream.Keys.CreateOrExtend(apiKey, UserStream.NowMs, stream.Validity, out bool created);
        if (created)
        {
            stream.Stats.KeyCreated();
        }
        else
        {
            stream.Stats.KeptAlive();
        }

        return Json($"{{\"listenKey\":\"{key.Value}\"}}");
    }

    private static IResult KeepAlive(HttpContext context, SimExchange exchange)
    {
        if (!exchange.TryUserStreamAccount(context, out string apiKey, out IResult? refused))
        {
            return refused;
        }

        UserStream stream = exchange.UserStream;
        ListenKey? key = stream.Keys.KeepAlive(apiKey, UserStream.NowMs, stream.Validity);
        if (key is null)
        {
            return BinanceError(StatusCodes.Status400BadRequest, -1125, "This listenKey does not exist.");
        }

        stream.Stats.KeptAlive();
        return Json($"{{\"listenKey\":\"{key.Value}\"}}"); // Binance's USD-M page: the key that was extended
    }

    private static IResult Close(HttpContext context, SimExchange exchange)
    {
        if (!exchange.TryUserStreamAccount(context, out string apiKey, out IResult? refused))
        {
            return refused;
        }

        UserStream stream = exchange.UserStream;
        ListenKey? key = stream.Keys.Close(apiKey);
        if (key is not null)
        {
            stream.Stats.KeyClosed();
            foreach (UserSocket socket in stream.Keys.SocketsOn(key))
            {
                socket.Close("listenKey closed");
            }
        }

        return Json("{}");
    }

    internal static IResult Json(string body, int status = StatusCodes.Status200OK) =>
        Results.Text(body, "application/json", System.Text.Encoding.UTF8, status);

    /// <summary>Binance's REST error body: <c>{"code":-1125,"msg":"…"}</c>.</summary>
    internal static IResult BinanceError(int status, int code, string msg) =>
        Json($"{{\"code\":{code},\"msg\":\"{msg}\"}}", status);
}
