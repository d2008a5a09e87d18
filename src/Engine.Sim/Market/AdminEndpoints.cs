using System.Text.Json;
using Engine.Sim.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Sim.Market;

/// <summary>
/// <c>GET /admin/faults</c>: the fault sections in force, as a faults file; <c>POST /admin/faults</c> with a faults
/// file's JSON: each section it names replaces the running one (others are kept), and the answer is the new state;
/// a bad document is 400 with the reason and changes nothing. <c>GET /admin/faults/injected</c>: every injected
/// fault's count so far. Loopback only, like the whole sim; not a Binance path.
/// </summary>
internal static class AdminEndpoints
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Map(IEndpointRouteBuilder app, SimExchange exchange)
    {
        app.MapGet("/admin/faults", () => MarketRest.Json(Current(exchange.Faults)));
        app.MapGet("/admin/faults/injected", () => MarketRest.Json(JsonSerializer.Serialize(exchange.FaultsInjected.Snapshot(), Indented)));
        app.MapPost("/admin/faults", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            string body = await reader.ReadToEndAsync().ConfigureAwait(false);
            try
            {
                Apply(exchange.Faults, body);
            }
            catch (InvalidDataException e)
            {
                return MarketRest.Json(JsonSerializer.Serialize(new { msg = e.Message }), StatusCodes.Status400BadRequest);
            }

            return MarketRest.Json(Current(exchange.Faults));
        });
    }

    /// <summary>Replaces the sections <paramref name="json"/> names; throws <see cref="InvalidDataException"/> (nothing changed) when it is not a faults document.</summary>
    public static void Apply(SimFaults faults, string json)
    {
        SimFaults parsed = SimFaults.Parse(json);
        using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        foreach (JsonProperty section in doc.RootElement.EnumerateObject())
        {
            switch (section.Name.ToUpperInvariant())
            {
                case "MARKET":
                    faults.Market = parsed.Market;
                    break;
                case "ORDERS":
                    faults.Orders = parsed.Orders;
                    break;
                case "CLOCK":
                    faults.Clock = parsed.Clock;
                    break;
                case "USER":
                    faults.User = parsed.User;
                    break;
                case "LIMITS":
                    faults.Limits = parsed.Limits;
                    break;
            }
        }
    }

    private static string Current(SimFaults faults) => JsonSerializer.Serialize(faults, Indented);
}
