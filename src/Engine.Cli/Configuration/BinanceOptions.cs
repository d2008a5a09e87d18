namespace Engine.Cli.Configuration;

/// <summary>
/// Where the live commands reach Binance USD-M futures, and how often they re-read exchangeInfo. Market data is
/// public, so the default is the production market; <c>--endpoint URL</c> (the sim, a proxy) replaces both hosts.
/// </summary>
public sealed class BinanceOptions
{
    public BinanceNetwork Network { get; set; } = BinanceNetwork.Production;

    /// <summary>A REST base (<c>https://host[:port]</c>) instead of the network's; empty: the network's.</summary>
    public string? RestUrl { get; set; }

    /// <summary>A WebSocket base (<c>wss://host[:port]</c>) instead of the network's; empty: the network's.</summary>
    public string? StreamUrl { get; set; }

    /// <summary>Minutes between re-reads of <c>/fapi/v1/exchangeInfo</c> during a run (filters, rate limits, status).</summary>
    public double ExchangeInfoRefreshMinutes { get; set; } = 60;

    /// <summary>Seconds a REST request of the live commands may take before it counts as failed.</summary>
    public double RestTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// How far behind its clock estimate the feed's timer closes intervals (ms): a trade frame delayed more than this
    /// behind the one before it finds its interval closed (a late trade). Raise it on a loaded machine or network.
    /// </summary>
    public double FeedTickSafetyMarginMs { get; set; } = 250;

    public void Validate(ICollection<string> errors)
    {
        CheckUrl(errors, nameof(RestUrl), RestUrl, "http", "https");
        CheckUrl(errors, nameof(StreamUrl), StreamUrl, "ws", "wss");
        if (!(ExchangeInfoRefreshMinutes >= 1) || ExchangeInfoRefreshMinutes > 24 * 60)
        {
            errors.Add($"Binance:{nameof(ExchangeInfoRefreshMinutes)} = {ExchangeInfoRefreshMinutes}: must be from 1 to 1440 minutes");
        }

        if (!(RestTimeoutSeconds >= 0.1) || RestTimeoutSeconds > 300)
        {
            errors.Add($"Binance:{nameof(RestTimeoutSeconds)} = {RestTimeoutSeconds}: must be from 0.1 to 300 seconds");
        }

        if (!(FeedTickSafetyMarginMs >= 0) || FeedTickSafetyMarginMs > 60_000)
        {
            errors.Add($"Binance:{nameof(FeedTickSafetyMarginMs)} = {FeedTickSafetyMarginMs}: must be from 0 to 60000 ms");
        }
    }

    private static void CheckUrl(ICollection<string> errors, string name, string? url, string plain, string secure)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        if (!BinanceEndpoints.TryBase(url, out Uri? uri) || (uri.Scheme != plain && uri.Scheme != secure))
        {
            errors.Add($"Binance:{name} = '{url}': must be a {secure}:// (or {plain}://) base such as {secure}://host:port, without a path, query or fragment");
        }
    }
}
