namespace Engine.Cli.Record;

/// <summary>The <c>--streams</c> names of <c>engine record</c> and the stream each subscribes to per symbol.</summary>
public static class RecordStreams
{
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["aggTrade"] = "aggTrade",
        ["trade"] = "trade",
        ["markPrice"] = "markPrice@1s",
        ["bookTicker"] = "bookTicker",
    };

    /// <summary>The endpoint schemes <c>--endpoint</c> takes: http(s) as one base for every path (the sim), ws(s) for the streams.</summary>
    public static bool IsUsable(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Scheme is "http" or "https" or "ws" or "wss";
    }
}
