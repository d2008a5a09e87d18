using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Engine.Sim.Market;

/// <summary>
/// Public market REST: <c>/fapi/v1/exchangeInfo</c>, <c>/fapi/v1/aggTrades</c> (the backfill: only the part of the
/// tape already played), <c>/fapi/v1/premiumIndex</c> and <c>/fapi/v1/depth</c>, with Binance's field order and
/// error codes (-1100, -1102, -1121, -1127, -1130).
/// </summary>
internal static class MarketRest
{
    private const long Hour = 3_600_000;

    public static IResult ExchangeInfo(SimExchange exchange)
    {
        string json = exchange.ExchangeInfoJson;
        const string key = "\"serverTime\":";
        int at = json.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
        {
            return Json(json);
        }

        int start = at + key.Length, end = start;
        while (end < json.Length && char.IsAsciiDigit(json[end]))
        {
            end++;
        }

        return Json(string.Concat(json.AsSpan(0, start), exchange.ServerTimeMs.ToString(CultureInfo.InvariantCulture), json.AsSpan(end)));
    }

    public static IResult AggTrades(MarketService market, IQueryCollection query)
    {
        if (!TrySymbol(market, query, out MarketSymbol symbol, out IResult? error)
            || !TryLong(query, "fromId", out long? fromId, out error)
            || !TryLong(query, "startTime", out long? startTime, out error)
            || !TryLong(query, "endTime", out long? endTime, out error)
            || !TryLong(query, "limit", out long? limitValue, out error))
        {
            return error!;
        }

        long limit = limitValue ?? 500;
        if (limit is < 1 or > 1000)
        {
            return Error(-1130, "Data sent for parameter 'limit' is not valid.");
        }

        if (startTime is long s0 && endTime is long e0 && (e0 - s0 > Hour || e0 < s0))
        {
            return Error(-1127, "More than 1 hours between startTime and endTime.");
        }

        ReadOnlySpan<AggRecord> played = market.Store.Aggregates[symbol.Index].AsSpan(0, market.PlayedAggregates(symbol.Index));
        int from, to; // [from, to) of played
        if (fromId is long id)
        {
            from = LowerBound(played, a => a.Id < id);
            to = played.Length;
        }
        else if (startTime is not null || endTime is not null)
        {
            long start = startTime ?? (endTime!.Value - Hour), end = endTime ?? (startTime!.Value + Hour);
            from = LowerBound(played, a => a.TimeMs < start);
            to = LowerBound(played, a => a.TimeMs <= end);
        }
        else
        {
            to = played.Length;
            from = (int)Math.Max(0, to - limit);
        }

        to = (int)Math.Min(to, from + limit);
        market.Backfilled(symbol.Index, played[from..Math.Max(from, to)]);
        var json = new StringBuilder("[");
        for (int i = from; i < to; i++)
        {
            AggRecord a = played[i];
            json.Append(i == from ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"a\":{a.Id},\"p\":\"{FrameWriter.DecimalText(a.PriceE8, symbol.PriceDecimals)}\",\"q\":\"{FrameWriter.DecimalText(a.QuantityE8, symbol.QuantityDecimals)}\",\"f\":{a.FirstId},\"l\":{a.LastId},\"T\":{a.TimeMs},\"m\":{(a.BuyerIsMaker ? "true" : "false")}}}");
        }

        return Json(json.Append(']').ToString());
    }

    public static IResult PremiumIndex(MarketService market, IQueryCollection query)
    {
        if (!query.ContainsKey("symbol"))
        {
            return Json("[" + string.Join(",", market.Symbols.Select(s => Premium(market, s))) + "]");
        }

        return TrySymbol(market, query, out MarketSymbol symbol, out IResult? error) ? Json(Premium(market, symbol)) : error!;
    }

    public static IResult Depth(MarketService market, IQueryCollection query) =>
        TrySymbol(market, query, out MarketSymbol symbol, out IResult? error)
            ? Error(-1000, $"The sim's tape has no order book for {symbol.Name}: it plays trades only.")
            : error!;

    private static string Premium(MarketService market, MarketSymbol symbol)
    {
        (long mark, long time) = market.Mark(symbol.Index);
        string price = FrameWriter.DecimalText(mark, 8);
        return string.Create(CultureInfo.InvariantCulture,
            $"{{\"symbol\":\"{symbol.Name}\",\"markPrice\":\"{price}\",\"indexPrice\":\"{price}\",\"estimatedSettlePrice\":\"{price}\",\"lastFundingRate\":\"0.00010000\",\"nextFundingTime\":{FrameStore.NextFundingTimeMs(time)},\"interestRate\":\"0.00010000\",\"time\":{time}}}");
    }

    private static bool TrySymbol(MarketService market, IQueryCollection query, out MarketSymbol symbol, out IResult? error)
    {
        symbol = null!;
        error = null;
        string text = query["symbol"].ToString();
        if (text.Length == 0)
        {
            error = Error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
            return false;
        }

        if (!market.TrySymbol(text, out symbol) || !string.Equals(text, symbol.Name, StringComparison.Ordinal))
        {
            error = Error(-1121, "Invalid symbol.");
            return false;
        }

        return true;
    }

    private static bool TryLong(IQueryCollection query, string name, out long? value, out IResult? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(name, out var text))
        {
            return true;
        }

        if (long.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out long v))
        {
            value = v;
            return true;
        }

        error = Error(-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'.");
        return false;
    }

    private static int LowerBound(ReadOnlySpan<AggRecord> sorted, Func<AggRecord, bool> before)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (before(sorted[mid]))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    internal static IResult Json(string json, int status = StatusCodes.Status200OK) => Results.Text(json, "application/json", Encoding.UTF8, status);

    internal static IResult Error(int code, string msg) =>
        Json($"{{\"code\":{code},\"msg\":{System.Text.Json.JsonSerializer.Serialize(msg)}}}", StatusCodes.Status400BadRequest);
}
