using System.Text.Json;
using Engine.Model;

namespace Engine.Sim.Trading;

public sealed partial class SimTradingDesk
{
    /// <summary>ORDER_TRADE_UPDATE with execution type <paramref name="execution"/> (NEW, TRADE, CANCELED, EXPIRED, AMENDMENT).</summary>
    private void PublishOrderUpdate(DeskOrder o, string execution, DeskTrade? trade)
    {
        long now = Now;
        DeskSymbol s = o.Symbol;
        byte[] json = DeskJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "ORDER_TRADE_UPDATE");
            w.WriteNumber("E", now);
            w.WriteNumber("T", trade?.TimeMs ?? o.UpdateTimeMs);
            w.WriteStartObject("o");
            w.WriteString("s", s.Name);
            w.WriteString("c", o.ClientOrderId);
            w.WriteString("S", o.SideText);
            w.WriteString("o", o.TypeText);
            w.WriteString("f", o.TimeInForceText);
            w.WriteString("q", s.Quantity(o.OrigQty));
            w.WriteString("p", s.Price(o.Price));
            w.WriteString("ap", DeskFormat.Fixed(o.AvgPrice, s.PricePrecision));
            w.WriteString("sp", s.Price(o.StopPrice));
            w.WriteString("x", execution);
            w.WriteString("X", o.Status);
            w.WriteNumber("i", o.OrderId);
            w.WriteString("l", s.Quantity(trade?.Quantity ?? default));
            w.WriteString("z", s.Quantity(o.Filled));
            w.WriteString("L", s.Price(trade?.Price ?? default));
            w.WriteString("N", "USDT");
            w.WriteString("n", DeskJson.Money(trade?.Commission ?? 0m));
            w.WriteNumber("T", trade?.TimeMs ?? o.UpdateTimeMs);
            w.WriteNumber("t", trade?.Id ?? 0);
            w.WriteString("b", BidNotional(o, Side.Buy));
            w.WriteString("a", BidNotional(o, Side.Sell));
            w.WriteBoolean("m", trade?.Maker ?? false);
            w.WriteBoolean("R", o.ReduceOnly);
            w.WriteString("wt", o.WorkingType);
            w.WriteString("ot", o.OrigType);
            w.WriteString("ps", "BOTH");
            w.WriteBoolean("cp", o.ClosePosition);
            w.WriteBoolean("pP", o.PriceProtect);
            w.WriteNumber("si", 0);
            w.WriteNumber("ss", 0);
            w.WriteString("rp", DeskJson.Money(trade?.RealizedPnl ?? 0m));
            w.WriteString("V", o.SelfTradePrevention);
            w.WriteString("pm", "NONE");
            w.WriteNumber("gtd", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        _exchange.DeskPublish(o.Owner.ApiKey, "ORDER_TRADE_UPDATE", json);
    }

    /// <summary>TRADE_LITE, sent just before the fill's ORDER_TRADE_UPDATE, as Binance does.</summary>
    private void PublishTradeLite(DeskOrder o, DeskTrade t)
    {
        long now = Now;
        DeskSymbol s = o.Symbol;
        byte[] json = DeskJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "TRADE_LITE");
            w.WriteNumber("E", now);
            w.WriteNumber("T", t.TimeMs);
            w.WriteString("s", s.Name);
            w.WriteString("q", s.Quantity(o.OrigQty));
            w.WriteString("p", s.Price(o.Price));
            w.WriteBoolean("m", t.Maker);
            w.WriteString("c", o.ClientOrderId);
            w.WriteString("S", o.SideText);
            w.WriteString("L", s.Price(t.Price));
            w.WriteString("l", s.Quantity(t.Quantity));
            w.WriteNumber("t", t.Id);
            w.WriteNumber("i", o.OrderId);
            w.WriteEndObject();
        });
        _exchange.DeskPublish(o.Owner.ApiKey, "TRADE_LITE", json);
    }

    /// <summary>ACCOUNT_UPDATE with the USDT balance and the symbol's position (reason ORDER after a fill).</summary>
    private void PublishAccountUpdate(DeskAccount a, DeskSymbol s, string reason)
    {
        long now = Now;
        DeskPosition p = a.Position(s);
        byte[] json = DeskJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "ACCOUNT_UPDATE");
            w.WriteNumber("E", now);
            w.WriteNumber("T", now);
            w.WriteStartObject("a");
            w.WriteString("m", reason);
            w.WriteStartArray("B");
            w.WriteStartObject();
            w.WriteString("a", "USDT");
            w.WriteString("wb", DeskJson.Money(a.Wallet));
            w.WriteString("cw", DeskJson.Money(a.Wallet));
            w.WriteString("bc", "0");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartArray("P");
            w.WriteStartObject();
            w.WriteString("s", s.Name);
            w.WriteString("pa", s.Quantity(p.Amount));
            w.WriteString("ep", DeskFormat.Fixed(p.EntryPrice, Math.Max(s.PricePrecision, 5)));
            w.WriteString("bep", DeskFormat.Fixed(BreakEven(p), Math.Max(s.PricePrecision, 5)));
            w.WriteString("cr", DeskJson.Money(p.Realized));
            w.WriteString("up", DeskJson.Money(Unrealized(p, s)));
            w.WriteString("mt", a.MarginTypeOf(s) == "ISOLATED" ? "isolated" : "cross");
            w.WriteString("iw", "0");
            w.WriteString("ps", "BOTH");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        _exchange.DeskPublish(a.ApiKey, "ACCOUNT_UPDATE", json);
    }

    /// <summary>ALGO_UPDATE of a conditional order (NEW, CANCELED, TRIGGERING, TRIGGERED, FINISHED, EXPIRED).</summary>
    private void PublishAlgoUpdate(DeskAlgo a)
    {
        long now = Now;
        DeskSymbol s = a.Symbol;
        byte[] json = DeskJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("e", "ALGO_UPDATE");
            w.WriteNumber("T", a.UpdateTimeMs);
            w.WriteNumber("E", now);
            w.WriteStartObject("o");
            w.WriteString("caid", a.ClientAlgoId);
            w.WriteNumber("aid", a.AlgoId);
            w.WriteString("at", "CONDITIONAL");
            w.WriteString("o", a.OrderType);
            w.WriteString("s", s.Name);
            w.WriteString("S", a.Side == Side.Buy ? "BUY" : "SELL");
            w.WriteString("ps", "BOTH");
            w.WriteString("f", DeskParams.TimeInForceText(a.TimeInForce));
            w.WriteString("q", s.Quantity(a.Quantity));
            w.WriteString("X", a.Status);
            w.WriteString("ai", a.Actual is null ? "" : a.Actual.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("ap", DeskFormat.Fixed(a.Actual?.AvgPrice ?? 0m, Math.Max(s.PricePrecision, 5)));
            w.WriteString("aq", DeskFormat.Fixed((a.Actual?.Filled ?? default).ToDecimal(), Math.Max(s.QuantityPrecision, 5)));
            w.WriteString("act", a.Actual is null ? "0" : a.Actual.TypeText);
            w.WriteString("tp", s.Price(a.TriggerPrice));
            w.WriteString("p", s.Price(a.Price));
            w.WriteString("V", "EXPIRE_MAKER");
            w.WriteString("wt", a.WorkingType);
            w.WriteString("pm", "NONE");
            w.WriteBoolean("cp", a.ClosePosition);
            w.WriteBoolean("pP", a.PriceProtect);
            w.WriteBoolean("R", a.ReduceOnly);
            w.WriteNumber("tt", a.TriggerTimeMs);
            w.WriteNumber("gtd", 0);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        _exchange.DeskPublish(a.Owner.ApiKey, "ALGO_UPDATE", json);
    }

    /// <summary>Bid (buy) or ask (sell) notional of the order's open rest, Binance's <c>b</c>/<c>a</c>.</summary>
    private static string BidNotional(DeskOrder o, Side side) =>
        DeskJson.Quote(o.Symbol, o.IsOpen && o.Side == side && o.Type == OrderType.Limit ? o.Remaining.ToDecimal() * o.Price.ToDecimal() : 0m);

    private static decimal Unrealized(DeskPosition p, DeskSymbol s) => p.Amount.E8 == 0 ? 0m : p.Amount.ToDecimal() * (s.Last.ToDecimal() - p.EntryPrice);

    /// <summary>Entry price moved by the taker fees of opening and closing (what the price must reach to break even).</summary>
    private static decimal BreakEven(DeskPosition p) =>
        p.Amount.E8 == 0 ? 0m : p.EntryPrice * (p.Amount.E8 > 0 ? 1 + TakerFeeRate : 1 - TakerFeeRate) / (p.Amount.E8 > 0 ? 1 - TakerFeeRate : 1 + TakerFeeRate);
}
