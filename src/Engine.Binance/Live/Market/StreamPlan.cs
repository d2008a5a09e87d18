using System.Text;

namespace Engine.Binance.Live.Market;

/// <summary>
/// Which connections the feed opens: every stream name (<c>btcusdt@aggTrade</c>) on Binance's current routing
/// (<c>/market/…</c> for aggTrade, trade, markPrice, klines and tickers; <c>/public/…</c> for bookTicker and depth,
/// since a stream on the wrong path delivers nothing), at most <see cref="MarketFeedOptions.MaxStreamsPerConnection"/>
/// streams per combined-stream connection.
/// </summary>
public static class StreamPlan
{
    /// <summary>The combined-stream URIs to connect to, one per connection, in a stable order.</summary>
    public static IReadOnlyList<Uri> Connections(MarketFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var market = new List<string>();
        var publicStreams = new List<string>();
        foreach (string symbol in options.Symbols)
        {
            foreach (string type in options.Streams)
            {
                string name = symbol.ToLowerInvariant() + "@" + type;
                (IsPublic(type) ? publicStreams : market).Add(name);
            }
        }

        var uris = new List<Uri>();
        AddChunks(uris, options, "market", market);
        AddChunks(uris, options, "public", publicStreams);
        return uris;
    }

    /// <summary>True for the high-frequency book streams Binance serves on <c>/public</c>.</summary>
    public static bool IsPublic(string streamType) =>
        streamType.StartsWith("bookTicker", StringComparison.Ordinal) || streamType.StartsWith("depth", StringComparison.Ordinal);

    private static void AddChunks(List<Uri> uris, MarketFeedOptions options, string route, List<string> streams)
    {
        for (int i = 0; i < streams.Count; i += options.MaxStreamsPerConnection)
        {
            var path = new StringBuilder("/").Append(route).Append("/stream?streams=");
            int end = Math.Min(streams.Count, i + options.MaxStreamsPerConnection);
            for (int j = i; j < end; j++)
            {
                path.Append(j == i ? "" : "/").Append(streams[j]);
            }

            uris.Add(Combine(options.StreamBase, path.ToString()));
        }
    }

    internal static Uri Combine(Uri baseUri, string pathAndQuery)
    {
        string b = baseUri.ToString().TrimEnd('/');
        return new Uri(b + pathAndQuery);
    }
}
