using System.Globalization;
using System.Text;
using Engine.Model;

namespace Engine.Tests.Binance.Live.Market;

/// <summary>aggTrade frames and REST pages in Binance's own layout, for the feed's tests.</summary>
internal static class FeedFrames
{
    public const long T0 = 1_723_161_256_000;

    /// <summary>A combined-stream aggTrade frame: id <paramref name="id"/>, trade time T0 + 10 ms × id.</summary>
    public static byte[] AggTrade(string symbol, long id, long? timeMs = null, string price = "61800.10", string qty = "0.005")
    {
        long t = timeMs ?? T0 + (id * 10);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"stream\":\"{symbol.ToLowerInvariant()}@aggTrade\",\"data\":{{\"e\":\"aggTrade\",\"E\":{t + 5},\"a\":{id},\"s\":\"{symbol}\",\"p\":\"{price}\",\"q\":\"{qty}\",\"f\":{id * 3},\"l\":{(id * 3) + 2},\"T\":{t},\"m\":{(id % 2 == 0 ? "true" : "false")}}}}}"));
    }

    /// <summary>The same trade as REST's aggTrades returns it (no E, no s).</summary>
    public static Trade RestTrade(SymbolId symbol, long id, long? timeMs = null)
    {
        long t = timeMs ?? T0 + (id * 10);
        return new Trade
        {
            Symbol = symbol,
            Id = id,
            FirstTradeId = id * 3,
            LastTradeId = (id * 3) + 2,
            Price = Price.Parse("61800.10"),
            Quantity = Quantity.Parse("0.005"),
            TradeTimeMs = t,
            EventTimeMs = t,
            BuyerIsMaker = id % 2 == 0,
            IsAggregate = true,
        };
    }
}
