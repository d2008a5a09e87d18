using System.Text;
using System.Text.Json;

namespace Engine.Sim.Market;

/// <summary>
/// The live-subscription methods, answered as Binance answers them: <c>{"result":null,"id":1}</c>,
/// <c>{"result":["btcusdt@aggTrade"],"id":3}</c>, and errors <c>{"error":{"code":2,"msg":"Invalid request: …"},"id":…}</c>
/// (code 3 for JSON that does not parse).
/// </summary>
internal sealed partial class MarketConnection
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Adds streams to this socket (caller holds the subscriptions lock); streams on this socket's path start flowing.</summary>
    private void AddStreams(IEnumerable<string> names)
    {
        bool added = false;
        foreach (string name in names)
        {
            if (_subscriptions.Contains(name) || !StreamNames.TryParse(name, out StreamRoute route, out string symbol, out StreamKind? kind))
            {
                continue;
            }

            _subscriptions.Add(name);
            if (route == Route && kind is StreamKind k && _market.TryStream(symbol, k, out int stream))
            {
                _market.Hub.Subscribe(this, stream);
            }

            added = true;
        }

        if (added)
        {
            _market.Hub.OnSubscribed(); // after all of them: the tape must not start between two streams of one request
        }
    }

    private void RemoveStreams(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (_subscriptions.Remove(name) && StreamNames.TryParse(name, out _, out string symbol, out StreamKind? kind)
                && kind is StreamKind k && _market.TryStream(symbol, k, out int stream))
            {
                _market.Hub.Unsubscribe(this, stream);
            }
        }
    }

    internal byte[] HandleRequest(byte[] json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Error(3, $"Invalid JSON: {FirstLine(e.Message)}", "null");
        }

        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Error(2, "Invalid request: expected an object", "null");
            }

            string id = "null";
            if (root.TryGetProperty("id", out JsonElement idElement))
            {
                if (idElement.ValueKind != JsonValueKind.Number || !idElement.TryGetUInt64(out ulong idValue))
                {
                    return Error(2, "Invalid request: request ID must be an unsigned integer", "null");
                }

                id = idValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            if (!root.TryGetProperty("method", out JsonElement method) || method.ValueKind != JsonValueKind.String)
            {
                return Error(2, "Invalid request: missing field `method`", id);
            }

            string[] streams = [];
            if (root.TryGetProperty("params", out JsonElement parameters))
            {
                if (parameters.ValueKind != JsonValueKind.Array || parameters.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
                {
                    return Error(2, "Invalid request: invalid stream", id);
                }

                streams = [.. parameters.EnumerateArray().Select(p => p.GetString()!)];
            }

            return method.GetString() switch
            {
                "SUBSCRIBE" => Subscribe(streams, id),
                "UNSUBSCRIBE" => Unsubscribe(streams, id),
                "LIST_SUBSCRIPTIONS" => List(id),
                var other => Error(2, $"Invalid request: unknown variant `{other}`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`", id),
            };
        }
    }

    private byte[] Subscribe(string[] streams, string id)
    {
        if (streams.Any(s => !StreamNames.TryParse(s, out _, out _, out _)))
        {
            return Error(2, "Invalid request: invalid stream", id);
        }

        lock (_subscriptions)
        {
            if (_subscriptions.Union(streams).Count() > _market.Limits.MaxStreamsPerConnection)
            {
                return Error(2, $"Invalid request: too many streams (at most {_market.Limits.MaxStreamsPerConnection} per connection)", id);
            }

            AddStreams(streams);
        }

        return Result("null", id);
    }

    private byte[] Unsubscribe(string[] streams, string id)
    {
        if (streams.Any(s => !StreamNames.TryParse(s, out _, out _, out _)))
        {
            return Error(2, "Invalid request: invalid stream", id);
        }

        lock (_subscriptions)
        {
            RemoveStreams(streams);
        }

        return Result("null", id);
    }

    private byte[] List(string id)
    {
        string list;
        lock (_subscriptions)
        {
            list = JsonSerializer.Serialize(_subscriptions);
        }

        return Result(list, id);
    }

    private static byte[] Result(string result, string id) => Encoding.UTF8.GetBytes($"{{\"result\":{result},\"id\":{id}}}");

    private static byte[] Error(int code, string msg, string id) =>
        Encoding.UTF8.GetBytes($"{{\"error\":{{\"code\":{code},\"msg\":{JsonSerializer.Serialize(msg, Relaxed)}}},\"id\":{id}}}");

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
