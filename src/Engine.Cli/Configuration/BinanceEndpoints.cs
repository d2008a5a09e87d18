namespace Engine.Cli.Configuration;

/// <summary>
/// The two bases a live run uses: REST (<c>/fapi/v1/…</c>) and WebSocket (<c>/market/…</c>, <c>/public/…</c>,
/// <c>/private/…</c>, <c>/ws-fapi/v1</c>). Paths are appended to them; a base has none of its own.
/// </summary>
public sealed record BinanceEndpoints(Uri Rest, Uri Stream)
{
    /// <summary>The hosts of a network (docs/cli.md lists them), from Binance's documentation.</summary>
    public static BinanceEndpoints For(BinanceNetwork network) => network switch
    {
        BinanceNetwork.Production => new(new Uri("https://fapi.binance.com"), new Uri("wss://fstream.binance.com")),
        BinanceNetwork.Testnet => new(new Uri("https://testnet.binancefuture.com"), new Uri("wss://fstream.binancefuture.com")),
        BinanceNetwork.Demo => new(new Uri("https://demo-fapi.binance.com"), new Uri("wss://demo-fstream.binance.com")),
        _ => throw new ArgumentOutOfRangeException(nameof(network), network, "no such network"),
    };

    /// <summary>
    /// The bases a run uses: <paramref name="endpoint"/> (<c>--endpoint</c>) when given, one base for every path, its
    /// WebSocket twin taking <c>ws</c> for <c>http</c> and <c>wss</c> for <c>https</c>; otherwise the configured
    /// network's hosts, each replaced by <see cref="BinanceOptions.RestUrl"/> / <see cref="BinanceOptions.StreamUrl"/>
    /// when set.
    /// </summary>
    public static BinanceEndpoints Resolve(BinanceOptions options, string? endpoint)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            if (!TryBase(endpoint, out Uri? rest) || (rest.Scheme != Uri.UriSchemeHttp && rest.Scheme != Uri.UriSchemeHttps))
            {
                throw new ConfigurationException($"--endpoint {endpoint}: must be an http:// or https:// base such as http://127.0.0.1:8080, without a path, query or fragment");
            }

            var stream = new UriBuilder(rest) { Scheme = rest.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
            if (rest.IsDefaultPort)
            {
                stream.Port = -1; // the twin scheme's own default port (443 for wss, 80 for ws)
            }

            return new BinanceEndpoints(rest, stream.Uri);
        }

        BinanceEndpoints hosts = For(options.Network);
        return new BinanceEndpoints(
            string.IsNullOrWhiteSpace(options.RestUrl) ? hosts.Rest : new Uri(options.RestUrl.Trim()),
            string.IsNullOrWhiteSpace(options.StreamUrl) ? hosts.Stream : new Uri(options.StreamUrl.Trim()));
    }

    /// <summary>An absolute URI with a host and nothing after it but an optional <c>/</c>.</summary>
    public static bool TryBase(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? parsed) || parsed.Host.Length == 0
            || parsed.AbsolutePath != "/" || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0)
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    /// <summary>A REST path on the REST base (<c>/fapi/v1/exchangeInfo</c>).</summary>
    public Uri RestPath(string pathAndQuery) => new(Rest, pathAndQuery);

    /// <summary>A WebSocket path on the stream base (<c>/market/stream?streams=…</c>).</summary>
    public Uri StreamPath(string pathAndQuery) => new(Stream, pathAndQuery);
}
