using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using Engine.Model;
using Engine.Oms;
using Engine.Oms.Paper;

namespace Engine.Tests.Sim.Trading;

/// <summary>
/// One implementation of matching: the engine's paper venue and the sim's desk both fill through
/// <see cref="FillRules"/>, so the same orders on the same prints give the same fills (price, quantity, maker or
/// taker, in the same order). The scenario mixes a resting limit (maker), a limit marketable on arrival (taker at the
/// print), a market order walking prints and a stop-market triggered through its stop. Plus the rules the desk cannot
/// reach with Binance's BTCUSDT filters, checked on <see cref="FillRules.Validate"/> directly.
/// </summary>
public sealed class FillRulesAgreementTests
{
    // Binance's recorded BTCUSDT filters (the ones the sim serves): tick 0.01, step 0.001, minQty 0.001, maxQty 1000, notional 5, PERCENT_PRICE 1.15/0.85.
    private static readonly VenueFilters Btc = new(new Price(1_000_000), new Quantity(100_000), new Quantity(100_000), new Money(500_000_000))
    {
        MaxQuantity = new Quantity(100_000_000_000),
        MarketMaxQuantity = new Quantity(100_000_000_000),
        MultiplierUpE8 = 115_000_000,
        MultiplierDownE8 = 85_000_000,
    };

    private static readonly (string Label, Side Side, OrderType Type, string Price, string Quantity)[] Orders =
    [
        ("rest", Side.Buy, OrderType.Limit, "39950", "0.010"),     // below the last: rests, fills as maker at 39950
        ("take", Side.Sell, OrderType.Limit, "39900", "0.005"),    // below the last: marketable, fills as taker at the print
        ("walk", Side.Buy, OrderType.Market, "", "0.006"),         // takes each print's quantity
        ("stop", Side.Sell, OrderType.StopMarket, "39930", "0.004"), // triggers on a print at or below 39930
    ];

    private static readonly (string Price, string Quantity)[] Prints =
    [
        ("39990", "0.004"),
        ("39960", "0.003"),
        ("39945", "0.020"),
        ("39920", "0.010"),
    ];

    [Fact]
    public async Task PaperVenueAndSimDesk_SameOrdersSamePrints_SameFills()
    {
        List<string> paper = PaperFills();
        List<string> sim = await SimFills();
        Assert.NotEmpty(paper);
        Assert.Equal(paper, sim);
        // By hand: a limit takes at most each print's quantity, market orders share what the print has left: take
        // 0.004@39990 and 0.001@39960 (taker at the print); walk 0.004@39990 then 0.002@39960; rest 0.010@39950 on the
        // 39945 print (maker, at its limit); stop triggered by 39920, 0.004 there (taker).
        Assert.Equal(
            ["take 0.004@39990 taker", "walk 0.004@39990 taker", "take 0.001@39960 taker", "walk 0.002@39960 taker", "rest 0.010@39950 maker", "stop 0.004@39920 taker"],
            paper);
    }

    [Fact]
    public void Validate_StepMinQtyAndMarketPercentPrice_GiveBinancesCodes()
    {
        var coarse = Btc with { StepSize = new Quantity(500_000), MinQuantity = new Quantity(1_000_000) }; // step 0.005, minQty 0.010
        var none = AccountView.Unchecked(default);
        Assert.Equal(BinanceErrorCode.QuantityNotIncreasedByStepSize, FillRules.Validate(Order(Side.Buy, OrderType.Limit, "40000", "0.012"), coarse, none, default, default));
        Assert.Equal(BinanceErrorCode.QuantityLessThanMin, FillRules.Validate(Order(Side.Buy, OrderType.Limit, "40000", "0.005"), coarse, none, default, default));
        // A market order when the last trade (47000) is above mark (40000) × 1.15: -4131.
        Assert.Equal(BinanceErrorCode.MarketOrderPercentPrice, FillRules.Validate(Order(Side.Buy, OrderType.Market, "", "0.010"), Btc, none, Price.Parse("47000"), Price.Parse("40000")));
        Assert.Equal(BinanceErrorCode.None, FillRules.Validate(Order(Side.Buy, OrderType.Market, "", "0.010"), Btc, none, Price.Parse("45000"), Price.Parse("40000")));
    }

    private static List<string> PaperFills()
    {
        var venue = new PaperVenue(new PaperVenueOptions(), [Btc]);
        venue.OnTrade(Trade("40000", "1", 1000));
        for (int i = 0; i < Orders.Length; i++)
        {
            var (_, side, type, price, qty) = Orders[i];
            venue.Submit(Order(side, type, price, qty, i + 1, 1000));
        }

        long t = 2000;
        var fills = new List<string>();
        foreach (var (price, qty) in Prints)
        {
            venue.OnTrade(Trade(price, qty, t += 1000));
            while (venue.TryTakeReport(out VenueReport r))
            {
                if (r.Kind is VenueReportKind.PartiallyFilled or VenueReportKind.Filled)
                {
                    fills.Add(Describe(Orders[r.ClientId.Value - 1].Label, r.LastQuantity.ToDecimal(), r.LastPrice.ToDecimal(), r.IsMaker));
                }
            }
        }

        return fills;
    }

    private static async Task<List<string>> SimFills()
    {
        await using var h = await TradingHarness.StartAsync();
        h.Print("40000", "1");
        var labels = new Dictionary<long, string>();
        long algoId = 0;
        foreach (var (label, side, type, price, qty) in Orders)
        {
            string s = side == Side.Buy ? "BUY" : "SELL";
            if (type == OrderType.StopMarket)
            {
                var (_, algo) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/algoOrder", $"algoType=CONDITIONAL&symbol=BTCUSDT&side={s}&type=STOP_MARKET&quantity={qty}&triggerPrice={price}");
                algoId = algo.GetProperty("algoId").GetInt64();
                continue;
            }

            string parameters = type == OrderType.Limit
                ? $"symbol=BTCUSDT&side={s}&type=LIMIT&timeInForce=GTC&quantity={qty}&price={price}"
                : $"symbol=BTCUSDT&side={s}&type=MARKET&quantity={qty}";
            var (_, order) = await h.CallAsync(HttpMethod.Post, "/fapi/v1/order", parameters);
            labels[order.GetProperty("orderId").GetInt64()] = label;
        }

        long id = 1;
        foreach (var (price, qty) in Prints)
        {
            h.Print(price, qty, ++id);
        }

        var (_, finished) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/algoOrder", $"algoId={algoId}");
        labels[long.Parse(finished.GetProperty("actualOrderId").GetString()!, CultureInfo.InvariantCulture)] = "stop";
        var (_, trades) = await h.CallAsync(HttpMethod.Get, "/fapi/v1/userTrades", "symbol=BTCUSDT");
        return [.. trades.EnumerateArray().Select(t => Describe(
            labels[t.GetProperty("orderId").GetInt64()],
            decimal.Parse(t.GetProperty("qty").GetString()!, CultureInfo.InvariantCulture),
            decimal.Parse(t.GetProperty("price").GetString()!, CultureInfo.InvariantCulture),
            t.GetProperty("maker").GetBoolean()))];
    }

    private static string Describe(string label, decimal qty, decimal price, bool maker) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} {qty:0.000}@{price:0.##} {(maker ? "maker" : "taker")}");

    private static OrderRequest Order(Side side, OrderType type, string price, string qty, long client = 1, long timeMs = 0)
    {
        Price p = price.Length == 0 ? default : Price.Parse(price);
        bool stop = type == OrderType.StopMarket;
        return new OrderRequest(OrderCommand.Submit, new ClientOrderId(client), default, new SymbolId(0), side, type,
            type == OrderType.Limit ? TimeInForce.Gtc : TimeInForce.None, stop ? default : p, stop ? p : default, new Quantity(Price.Parse(qty).E8), false, timeMs);
    }

    private static Trade Trade(string price, string qty, long timeMs) => new()
    {
        Symbol = new SymbolId(0),
        Price = Price.Parse(price),
        Quantity = new Quantity(Price.Parse(qty).E8),
        TradeTimeMs = timeMs,
        EventTimeMs = timeMs,
        Type = TradeType.Market,
    };
}
