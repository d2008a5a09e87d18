using System.Buffers;
using System.Text.Json;
using Engine.Sim.Trading;

namespace Engine.Sim.User.WsApi;

/// <summary>
/// The WS API's methods over the same request security, limits and desk as REST (one implementation):
/// <c>session.logon</c> (Ed25519 signatures only; an HMAC one is -1022, as Binance answers it), <c>session.status</c>,
/// <c>session.logout</c>, and <c>order.place</c>, <c>order.cancel</c>, <c>order.status</c>, <c>order.modify</c>, each
/// either signed in its own <c>params</c> (<c>apiKey</c>, <c>timestamp</c>, <c>signature</c> over every parameter but
/// the signature, sorted by name) or unsigned on a logged-on session (the <c>timestamp</c> window still checked).
/// Every request charges weight 1 to the client; order.place also counts an order and stamps
/// <see cref="SimExchange.RecordOrderReceived"/>; the <c>Orders:*</c> faults act on place, cancel and modify as on REST.
/// </summary>
internal static class WsApiMethods
{
    private delegate DeskResult Operation(SimTradingDesk desk, SimAccount account, DeskParams p);

    /// <summary>Answers one request; null when a fault (Orders:TimeoutRate) swallows the answer.</summary>
    public static async Task<byte[]?> HandleAsync(WsApiConnection c, ReadOnlyMemory<byte> frame, long receivedTimestamp)
    {
        SimExchange exchange = c.Exchange;
        WsApiStats stats = exchange.WsApiStats;
        WsApiRequest? request = WsApiRequest.TryParse(frame.Span, out string idJson, out SimError? error);
        stats.Request(request?.Method ?? "(unparsed)");
        if (request?.Method == "order.place")
        {
            exchange.RecordOrderReceived(receivedTimestamp);
        }

        LimitDecision weight = exchange.Limits.ChargeWeight(c.Client, 1);
        var limits = new List<(RateLimitRule, long)>(weight.Counts);
        error ??= weight.Error;
        if (error is not null || request is null)
        {
            return Fail(c, idJson, error!, limits);
        }

        switch (request.Method)
        {
            case "session.logon":
                error = LogOn(c, request);
                return error is null ? Ok(c, idJson, SessionJson(c), limits) : Fail(c, idJson, error, limits);
            case "session.status":
                return Ok(c, idJson, SessionJson(c), limits);
            case "session.logout":
                c.LogOut();
                return Ok(c, idJson, SessionJson(c), limits);
            case "order.place":
                return await OrderAsync(c, request, limits, newOrder: true, faults: true, (d, a, p) => d.PlaceOrder(a, p)).ConfigureAwait(false);
            case "order.cancel":
                return await OrderAsync(c, request, limits, newOrder: false, faults: true, (d, a, p) => d.CancelOrder(a, p)).ConfigureAwait(false);
            case "order.modify":
                return await OrderAsync(c, request, limits, newOrder: false, faults: true, (d, a, p) => d.ModifyOrder(a, p)).ConfigureAwait(false);
            case "order.status":
                return await OrderAsync(c, request, limits, newOrder: false, faults: false, (d, a, p) => d.QueryOrder(a, p)).ConfigureAwait(false);
            default:
                return Fail(c, idJson, SimError.BadRequest(-1100, $"Illegal characters found in parameter 'method'; legal range is 'session.logon, session.status, session.logout, order.place, order.cancel, order.status, order.modify'."), limits);
        }
    }

    private static SimError? LogOn(WsApiConnection c, WsApiRequest r)
    {
        string? signature = r["signature"];
        if (signature is { Length: 64 } && signature.All(char.IsAsciiHexDigit))
        {
            return SimError.BadSignature; // an HMAC key cannot log on: Binance supports only Ed25519 here
        }

        SimError? error = c.Exchange.Auth.Authenticate(r["apiKey"], RequestAuth.SortedPayload(r.Params), signature, r["timestamp"], r["recvWindow"], out SimAccount account);
        if (error is null)
        {
            c.LogOn(account);
        }

        return error;
    }

    /// <summary>The account of an order request: its own signature when it carries one, else the logged-on session.</summary>
    private static SimError? AccountOf(WsApiConnection c, WsApiRequest r, out SimAccount account)
    {
        RequestAuth auth = c.Exchange.Auth;
        if (r["signature"] is not null || c.Account is null)
        {
            if (r["apiKey"] is null && c.Account is null)
            {
                account = null!;
                return SimError.Mandatory("apiKey");
            }

            return auth.Authenticate(r["apiKey"], RequestAuth.SortedPayload(r.Params), r["signature"], r["timestamp"], r["recvWindow"], out account);
        }

        account = c.Account;
        return auth.CheckTimestamp(r["timestamp"], r["recvWindow"]);
    }

    private static async Task<byte[]?> OrderAsync(WsApiConnection c, WsApiRequest r, List<(RateLimitRule, long)> limits, bool newOrder, bool faults, Operation op)
    {
        SimExchange exchange = c.Exchange;
        SimError? error = AccountOf(c, r, out SimAccount account);
        if (error is null && newOrder)
        {
            LimitDecision orders = exchange.Limits.ChargeOrder(account.ApiKey);
            limits.AddRange(orders.Counts);
            error = orders.Error;
        }

        if (error is not null)
        {
            return Fail(c, r.IdJson, error, limits);
        }

        DeskParams p = r.DeskParams;
        if (faults)
        {
            (bool answered, SimError? injected) = await InjectFaultsAsync(exchange, () => op(exchange.Desk, account, p)).ConfigureAwait(false);
            if (answered)
            {
                return injected is null ? null : Fail(c, r.IdJson, injected, limits);
            }
        }

        DeskResult result = op(exchange.Desk, account, p);
        return result.Error is { } e ? Fail(c, r.IdJson, e, limits) : Ok(c, r.IdJson, result.Json!, limits);
    }

    /// <summary>
    /// The Orders faults as REST applies them: LatencyMs delays; TimeoutRate leaves the request unanswered and not
    /// executed; Http5xxRate answers status 503 (-1000 after executing it when Http5xxPlaced, else -1008).
    /// Returns (true, error) when a fault decided the answer (error null: no answer at all).
    /// </summary>
    private static async Task<(bool Answered, SimError? Error)> InjectFaultsAsync(SimExchange exchange, Func<DeskResult> execute)
    {
        Faults.OrderFaults faults = exchange.Faults.Orders;
        if (faults.LatencyMs > 0)
        {
            exchange.FaultsInjected.Count("Orders:LatencyMs");
            await Task.Delay(faults.LatencyMs).ConfigureAwait(false);
        }

        if (exchange.Roll(faults.TimeoutRate))
        {
            exchange.FaultsInjected.Count("Orders:TimeoutRate");
            return (true, null);
        }

        if (exchange.Roll(faults.Http5xxRate))
        {
            exchange.FaultsInjected.Count("Orders:Http5xxRate");
            if (faults.Http5xxPlaced)
            {
                exchange.FaultsInjected.Count("Orders:Http5xxPlaced");
                execute();
                return (true, new SimError(503, -1000, "Unknown error, please check your request or try again later."));
            }

            return (true, new SimError(503, -1008, "Service Unavailable."));
        }

        return (false, null);
    }

    /// <summary><c>{"apiKey","authorizedSince","connectedSince","returnRateLimits","serverTime"}</c>: Binance's session result (nulls when logged out).</summary>
    private static byte[] SessionJson(WsApiConnection c)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (c.Account is null)
            {
                w.WriteNull("apiKey");
                w.WriteNull("authorizedSince");
            }
            else
            {
                w.WriteString("apiKey", c.Account.ApiKey);
                w.WriteNumber("authorizedSince", c.AuthorizedSinceMs ?? 0);
            }

            w.WriteNumber("connectedSince", c.ConnectedSinceMs);
            w.WriteBoolean("returnRateLimits", c.ReturnRateLimits);
            w.WriteNumber("serverTime", c.Exchange.ServerTimeMs);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Ok(WsApiConnection c, string idJson, byte[] result, List<(RateLimitRule, long)> limits) =>
        WsApiEnvelope.Result(idJson, result, c.ReturnRateLimits ? limits : null);

    private static byte[] Fail(WsApiConnection c, string idJson, SimError error, List<(RateLimitRule, long)> limits)
    {
        c.Exchange.WsApiStats.Error();
        return WsApiEnvelope.Error(idJson, error, c.ReturnRateLimits ? limits : null);
    }
}
