using System.Text.RegularExpressions;

namespace Engine.Sim.Market;

/// <summary>Which of Binance's USD-M WebSocket paths a stream belongs on (binance-usdm.md: a stream on the wrong path delivers nothing).</summary>
internal enum StreamRoute : byte
{
    /// <summary><c>/market/…</c>: aggTrade, trade, markPrice, klines, tickers, liquidations.</summary>
    Market,

    /// <summary><c>/public/…</c>: bookTicker and depth.</summary>
    Public,
}

/// <summary>
/// Stream names as Binance's USD-M streams spell them: a lower-case symbol, <c>@</c>, a case-sensitive type
/// (<c>btcusdt@aggTrade</c>, <c>btcusdt@markPrice@1s</c>, <c>btcusdt@depth20@100ms</c>), or an all-market
/// <c>!…</c> stream. A name of another shape is an "invalid stream" (error code 2).
/// </summary>
internal static partial class StreamNames
{
    public static string Of(MarketSymbol symbol, StreamKind kind) => symbol.StreamName + kind switch
    {
        StreamKind.AggTrade => "@aggTrade",
        StreamKind.Trade => "@trade",
        _ => "@markPrice@1s",
    };

    /// <summary>True when <paramref name="name"/> is a stream name Binance accepts; <paramref name="route"/> is the path it is served on.</summary>
    public static bool TryParse(string name, out StreamRoute route, out string symbol, out StreamKind? kind)
    {
        route = StreamRoute.Market;
        symbol = "";
        kind = null;
        if (AllMarket().IsMatch(name))
        {
            route = name.StartsWith("!bookTicker", StringComparison.Ordinal) ? StreamRoute.Public : StreamRoute.Market;
            symbol = "!";
            return true;
        }

        Match m = Shape().Match(name);
        if (!m.Success)
        {
            return false;
        }

        symbol = m.Groups["symbol"].Value;
        string type = m.Groups["type"].Value;
        route = type.StartsWith("bookTicker", StringComparison.Ordinal) || type.StartsWith("depth", StringComparison.Ordinal) ? StreamRoute.Public : StreamRoute.Market;
        kind = type switch
        {
            "aggTrade" => StreamKind.AggTrade,
            "trade" => StreamKind.Trade,
            "markPrice@1s" => StreamKind.MarkPrice1s,
            _ => null,
        };
        return true;
    }

    [GeneratedRegex(@"^(?<symbol>[a-z0-9_]+)@(?<type>aggTrade|trade|markPrice|markPrice@1s|kline_(1m|3m|5m|15m|30m|1h|2h|4h|6h|8h|12h|1d|3d|1w|1M)|miniTicker|ticker|forceOrder|bookTicker|depth|depth@(0ms|100ms|250ms|500ms)|depth(5|10|20)|depth(5|10|20)@(100ms|250ms|500ms))$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    [GeneratedRegex(@"^!(markPrice@arr|markPrice@arr@1s|miniTicker@arr|ticker@arr|forceOrder@arr|bookTicker)$", RegexOptions.CultureInvariant)]
    private static partial Regex AllMarket();
}
