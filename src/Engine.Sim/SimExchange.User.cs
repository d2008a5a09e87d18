using System.Diagnostics.CodeAnalysis;
using Engine.Sim.Trading;
using Engine.Sim.User;
using Engine.Sim.User.WsApi;
using Microsoft.AspNetCore.Http;

namespace Engine.Sim;

/// <summary>The user side: the user data stream (listenKeys and their sockets) and the WS API.</summary>
public sealed partial class SimExchange
{
    private UserStream? _userStream;

    internal UserStream UserStream => _userStream ??= new UserStream(Options, Faults, FaultsInjected);

    /// <summary>What the WS API served (report, tests).</summary>
    public WsApiStats WsApiStats { get; } = new();

    /// <summary>What the user data stream served (report, tests).</summary>
    public UserStreamStats UserStreamStats => UserStream.Stats;

    /// <summary>
    /// The account of a USER_STREAM request (listenKey REST): weight 1 charged, then the <c>X-MBX-APIKEY</c> header
    /// alone, no signature (-2014 when missing, -2015 when unknown), as on Binance.
    /// </summary>
    internal bool TryUserStreamAccount(HttpContext context, out string apiKey, [NotNullWhen(false)] out IResult? refused)
    {
        apiKey = context.Request.Headers["X-MBX-APIKEY"].ToString();
        SimError? error = RateLimitHttp.ChargeWeight(context, this, 1) ?? Auth.FindAccount(apiKey, out _);
        refused = error is null ? null : ListenKeyEndpoints.Json(error.ToString(), error.HttpStatus);
        return error is null;
    }

    partial void UserPublish(string apiKey, string eventType, ReadOnlyMemory<byte> json) => UserStream.Publish(apiKey, eventType, json.Span);

    partial void StartUser() => UserStream.Start();

    partial void DisposeUser() => _userStream?.Dispose();

    partial void AppendUserReport(System.Text.StringBuilder report)
    {
        UserStreamStats s = UserStream.Stats;
        report.Append("## User data stream\n\n");
        report.Append($"- listenKeys: {s.ListenKeysCreated:N0} created, {s.Keepalives:N0} keepalives, {s.ListenKeysClosed:N0} closed, {s.ListenKeysExpired:N0} expired\n");
        report.Append($"- sockets: {s.SocketsOpened:N0} opened, {s.SocketsRefused:N0} refused, {s.PongTimeouts:N0} closed for a missing pong, {s.LifetimeCloses:N0} at their lifetime, {s.SlowConsumers:N0} dropped as slow\n");
        report.Append($"- events: {s.EventsPublished:N0} published, {s.EventsUndelivered:N0} with no socket listening, {s.FramesDelivered:N0} frames delivered, {s.Filtered:N0} left out by `events` filters\n");
        report.Append($"- faults: {FaultsInjected[UserFaultNames.Drop]:N0} sockets dropped (`{UserFaultNames.Drop}`), {FaultsInjected[UserFaultNames.Duplicate]:N0} events duplicated, {FaultsInjected[UserFaultNames.Reorder]:N0} reordered, {FaultsInjected[UserFaultNames.ListenKeyExpire]:N0} listenKeys expired early\n\n");
        WsApiStats w = WsApiStats;
        report.Append("## WS API\n\n");
        report.Append($"- {w.Connections:N0} connections, {w.PongTimeouts:N0} closed for a missing pong, {w.LifetimeCloses:N0} at their lifetime; {w.Errors:N0} requests answered with an error\n");
        report.Append($"- requests: {(w.Requests.Count == 0 ? "none" : string.Join(", ", w.Requests.Select(r => $"{r.Key} {r.Value:N0}")))}\n\n");
    }
}
