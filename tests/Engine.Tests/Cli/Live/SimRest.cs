using System.Globalization;
using System.Text.Json;
using Engine.Sim.Trading;

namespace Engine.Tests.Cli.Live;

/// <summary>Asks the sim what it holds, as any client would: a signed GET with the account's key.</summary>
internal static class SimRest
{
    public static async Task<JsonElement> SignedGetAsync(HttpClient http, string apiKey, string secret, string path, string parameters)
    {
        string query = parameters + "&timestamp=" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        query += "&signature=" + RequestAuth.HmacHex(secret, query);
        using var request = new HttpRequestMessage(HttpMethod.Get, path + "?" + query);
        request.Headers.Add("X-MBX-APIKEY", apiKey);
        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        using JsonDocument doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
