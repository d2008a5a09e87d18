using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Engine.Sim.Trading;

/// <summary>
/// The limiter for any REST path, public or signed: charges the request's weight to the client's address, sets
/// <c>X-MBX-USED-WEIGHT-1M</c> (one header per REQUEST_WEIGHT rule), and when refused sets <c>Retry-After</c> and
/// returns the error to send (429 or 418). The market side calls <see cref="ChargeWeight"/> for its public paths.
/// </summary>
public static class RateLimitHttp
{
    /// <summary>Charges <paramref name="weight"/>; null when the request may proceed, else the error to answer with (<see cref="WriteErrorAsync"/>).</summary>
    public static SimError? ChargeWeight(HttpContext context, SimExchange exchange, int weight)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exchange);
        LimitDecision d = exchange.Limits.ChargeWeight(ClientOf(context), weight);
        SetHeaders(context, d, "X-MBX-USED-WEIGHT-");
        return Refusal(context, d);
    }

    /// <summary>Counts a new order for the account; sets <c>X-MBX-ORDER-COUNT-10S</c>/<c>-1M</c>.</summary>
    public static SimError? ChargeOrder(HttpContext context, SimExchange exchange, SimAccount account)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(account);
        LimitDecision d = exchange.Limits.ChargeOrder(account.ApiKey);
        SetHeaders(context, d, "X-MBX-ORDER-COUNT-");
        return Refusal(context, d);
    }

    /// <summary>Writes a Binance error: its HTTP status and <c>{"code","msg"}</c> body.</summary>
    public static Task WriteErrorAsync(HttpContext context, SimError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        return WriteJsonAsync(context, error.HttpStatus, error.ToJson());
    }

    public static Task WriteJsonAsync(HttpContext context, int status, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, 0, json.Length, context.RequestAborted);
    }

    /// <summary>The client a limit is counted for: its address (Binance counts weight per IP).</summary>
    public static string ClientOf(HttpContext context) => context?.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";

    private static void SetHeaders(HttpContext context, LimitDecision d, string prefix)
    {
        foreach (var (rule, count) in d.Counts)
        {
            context.Response.Headers[prefix + rule.Suffix] = count.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static SimError? Refusal(HttpContext context, LimitDecision d)
    {
        if (d.Allowed)
        {
            return null;
        }

        context.Response.Headers.RetryAfter = d.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return d.Error;
    }
}
