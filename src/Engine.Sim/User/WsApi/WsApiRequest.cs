using System.Text.Json;
using Engine.Sim.Trading;

namespace Engine.Sim.User.WsApi;

/// <summary>
/// One WS API request, <c>{"id":…,"method":"order.place","params":{…}}</c>: the id kept as its raw JSON (string,
/// number or null, echoed as sent), the method, and the parameters as name → string value, the form REST parses to
/// (numbers by their JSON text, booleans as <c>true</c>/<c>false</c>), so the desk sees the same thing either way.
/// </summary>
internal sealed class WsApiRequest
{
    private WsApiRequest(string idJson, string method, List<KeyValuePair<string, string>> parameters)
    {
        IdJson = idJson;
        Method = method;
        Params = parameters;
    }

    /// <summary>The request's <c>id</c> as JSON text (<c>null</c> when absent).</summary>
    public string IdJson { get; }

    public string Method { get; }

    public List<KeyValuePair<string, string>> Params { get; }

    public string? this[string name]
    {
        get
        {
            foreach (var p in Params)
            {
                if (p.Key == name)
                {
                    return p.Value;
                }
            }

            return null;
        }
    }

    /// <summary>The parameters the desk reads: all but the request's credentials.</summary>
    public DeskParams DeskParams => new([.. Params.Where(p => p.Key is not ("apiKey" or "signature"))]);

    /// <summary>Parses one text frame; on failure <paramref name="error"/> is the error to answer (with the id when one could be read).</summary>
    public static WsApiRequest? TryParse(ReadOnlySpan<byte> utf8, out string idJson, out SimError? error)
    {
        idJson = "null";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(utf8.ToArray());
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = SimError.BadRequest(-1100, "Illegal characters found in a parameter: the request is not a JSON object.");
                return null;
            }

            if (root.TryGetProperty("id", out JsonElement id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null)
            {
                idJson = id.GetRawText();
            }

            if (!root.TryGetProperty("method", out JsonElement method) || method.ValueKind != JsonValueKind.String || method.GetString()!.Length == 0)
            {
                error = SimError.Mandatory("method");
                return null;
            }

            var parameters = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("params", out JsonElement p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty prop in p.EnumerateObject())
                {
                    string? value = prop.Value.ValueKind switch
                    {
                        JsonValueKind.String => prop.Value.GetString(),
                        JsonValueKind.Number => prop.Value.GetRawText(),
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        _ => null,
                    };
                    if (value is null)
                    {
                        error = SimError.IllegalValue(prop.Name);
                        return null;
                    }

                    parameters.Add(new KeyValuePair<string, string>(prop.Name, value));
                }
            }

            error = null;
            return new WsApiRequest(idJson, method.GetString()!, parameters);
        }
        catch (JsonException)
        {
            error = SimError.BadRequest(-1100, "Illegal characters found in a parameter: the request is not valid JSON.");
            return null;
        }
    }
}
