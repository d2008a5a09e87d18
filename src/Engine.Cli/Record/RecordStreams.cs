using System.Text;

namespace Engine.Cli.Record;

/// <summary>
/// The streams <c>engine record</c> subscribes to and the combined-stream URIs that carry them, on Binance's routing:
/// <c>/market/…</c> for aggTrade, trade and markPrice, <c>/public/…</c> for bookTicker (a stream on the wrong path
/// delivers nothing), at most 200 streams per connection.
/// </summary>
public static class RecordStreams
{
    public const int MaxStreamsPerConnection = 200;

    /// <summary>The <c>--streams</c> names and the stream suffix each subscribes to.</summary>
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["aggTrade"] = "aggTrade",
        ["trade"] = "trade",
        ["markPrice"] = "markPrice@1s",
        ["bookTicker"] = "bookTicker",
    };

    /// <summary>The combined-stream URIs for every symbol × stream, /market first, then /public.</summary>
    public static IReadOnlyList<Uri> Connections(Uri streamBase, IReadOnlyList<string> symbols, IReadOnlyList<string> streams)
    {
        ArgumentNullException.ThrowIfNull(streamBase);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(streams);
        var market = new List<string>();
        var book = new List<string>();
        foreach (string symbol in symbols)
        {
            foreach (string stream in streams)
            {
                string suffix = Known[stream];
                (suffix == "bookTicker" ? book : market).Add(symbol.ToLowerInvariant() + "@" + suffix);
            }
        }

        var uris = new List<Uri>();
        Add(uris, streamBase, "market", market);
        Add(uris, streamBase, "public", book);
        return uris;
    }

    /// <summary><c>http(s)://host:port</c> (an <c>--endpoint</c>, as the sim serves) becomes <c>ws(s)://host:port</c>; ws(s) stays.</summary>
    public static Uri WebSocketBase(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        string scheme = endpoint.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            "ws" or "wss" => endpoint.Scheme,
            _ => throw new Configuration.ConfigurationException($"--endpoint {endpoint}: expected http, https, ws or wss"),
        };
        return new UriBuilder(endpoint) { Scheme = scheme, Port = endpoint.IsDefaultPort ? -1 : endpoint.Port }.Uri;
    }

    private static void Add(List<Uri> uris, Uri streamBase, string route, List<string> streams)
    {
        string root = streamBase.ToString().TrimEnd('/');
        for (int i = 0; i < streams.Count; i += MaxStreamsPerConnection)
        {
            var path = new StringBuilder(root).Append('/').Append(route).Append("/stream?streams=");
            path.AppendJoin('/', streams.Skip(i).Take(MaxStreamsPerConnection));
            uris.Add(new Uri(path.ToString()));
        }
    }
}
