using Engine.Model;

namespace Engine.Oms.Paper;

public static partial class FillRules
{
    /// <summary>
    /// The first Binance rule a new order breaks, in the order Binance checks them; None when it passes.
    /// <paramref name="last"/> is the symbol's last trade price and <paramref name="mark"/> its mark price (zero when
    /// unknown: the checks that need them pass); PERCENT_PRICE is checked against the mark, or the last trade when
    /// there is no mark. Codes: -2010 unknown symbol, -4003 quantity ≤ 0, -1111 more decimals than the quantity
    /// precision, -4023 off the step, -4004 below minQty, -4005 above maxQty (MARKET_LOT_SIZE for market, stop and
    /// take-profit), -4014 price or stop off the tick, -4016/-4024 limit outside PERCENT_PRICE, -4131 market order
    /// whose price (the last trade) is outside PERCENT_PRICE of the mark, -4164 notional under MIN_NOTIONAL (not for
    /// reduce-only), -2022 reduce-only that does not reduce, -2019 margin, -2021 stop that would trigger at once,
    /// -5022 post-only (GTX) that would take.
    /// </summary>
    public static BinanceErrorCode Validate(in OrderRequest r, in VenueFilters f, in AccountView account, Price last, Price mark)
    {
        if (!f.IsValid)
        {
            return BinanceErrorCode.NewOrderRejected; // unknown symbol
        }

        long qty = r.Quantity.E8;
        if (qty <= 0)
        {
            return BinanceErrorCode.QuantityNotPositive;
        }

        if (qty % Pow10(FixedPoint.Decimals - f.QuantityDecimals) != 0)
        {
            return BinanceErrorCode.BadPrecision; // more decimals than the symbol's quantity precision
        }

        if (qty % f.StepSize.E8 != 0)
        {
            return BinanceErrorCode.QuantityNotIncreasedByStepSize;
        }

        if (r.Quantity < f.MinQuantity)
        {
            return BinanceErrorCode.QuantityLessThanMin;
        }

        bool limit = r.Type == OrderType.Limit;
        bool stop = r.Type is OrderType.StopMarket or OrderType.TakeProfitMarket;
        Quantity max = limit ? f.MaxQuantity : f.MarketMaxQuantity; // market, stop-market and take-profit-market: MARKET_LOT_SIZE
        if (max.E8 > 0 && r.Quantity > max)
        {
            return BinanceErrorCode.QuantityGreaterThanMax;
        }

        if (limit && (r.Price.E8 <= 0 || r.Price.E8 % f.TickSize.E8 != 0))
        {
            return BinanceErrorCode.PriceNotIncreasedByTickSize;
        }

        if (stop && (r.StopPrice.E8 <= 0 || r.StopPrice.E8 % f.TickSize.E8 != 0))
        {
            return BinanceErrorCode.PriceNotIncreasedByTickSize;
        }

        Price anchor = mark.IsZero ? last : mark;
        if (limit && !anchor.IsZero)
        {
            BinanceErrorCode band = PercentPrice(r.Price, anchor, in f);
            if (band != BinanceErrorCode.None)
            {
                return band;
            }
        }

        if (r.Type == OrderType.Market && !mark.IsZero && !last.IsZero && PercentPrice(last, mark, in f) != BinanceErrorCode.None)
        {
            return BinanceErrorCode.MarketOrderPercentPrice;
        }

        Price reference = limit ? r.Price : stop ? r.StopPrice : last;
        if (!r.ReduceOnly && !reference.IsZero && Money.Notional(reference, r.Quantity) < f.MinNotional)
        {
            return BinanceErrorCode.MinNotional; // "unless you choose reduce only"
        }

        if (r.ReduceOnly)
        {
            long pos = account.Position.E8;
            if (!(r.Side == Side.Sell ? pos > 0 : pos < 0))
            {
                return BinanceErrorCode.ReduceOnlyRejected;
            }
        }

        if (!r.ReduceOnly && !reference.IsZero && !MarginSuffices(in r, in account, reference))
        {
            return BinanceErrorCode.MarginNotSufficient;
        }

        if (stop && WouldTrigger(r.Type, r.Side, r.StopPrice, last))
        {
            return BinanceErrorCode.OrderWouldImmediatelyTrigger;
        }

        if (limit && r.TimeInForce == TimeInForce.Gtx && WouldTake(r.Side, r.Price, last))
        {
            return BinanceErrorCode.PostOnlyWouldTake;
        }

        return BinanceErrorCode.None;
    }

    /// <summary>
    /// Initial margin at the account's leverage: an order that grows the position needs |position after it| × price /
    /// leverage within the margin the account may commit (no check when that is zero or less: no wallet).
    /// </summary>
    public static bool MarginSuffices(in OrderRequest r, in AccountView account, Price reference)
    {
        if (account.Margin.E8 <= 0)
        {
            return true;
        }

        long pos = account.Position.E8;
        long after = pos + (r.Side == Side.Buy ? r.Quantity.E8 : -r.Quantity.E8);
        if (Math.Abs(after) <= Math.Abs(pos))
        {
            return true; // reduces or flips no further than the current size
        }

        Money notional = Money.Notional(reference, new Quantity(Math.Abs(after)));
        return (Int128)notional.E8 <= (Int128)account.Margin.E8 * account.Leverage;
    }

    /// <summary>PERCENT_PRICE: a price above anchor × multiplierUp is -4016, below anchor × multiplierDown -4024.</summary>
    private static BinanceErrorCode PercentPrice(Price price, Price anchor, in VenueFilters f)
    {
        Int128 scaled = (Int128)price.E8 * FixedPoint.Scale;
        if (f.MultiplierUpE8 > 0 && scaled > (Int128)anchor.E8 * f.MultiplierUpE8)
        {
            return BinanceErrorCode.PriceAbovePercentPrice;
        }

        if (f.MultiplierDownE8 > 0 && scaled < (Int128)anchor.E8 * f.MultiplierDownE8)
        {
            return BinanceErrorCode.PriceBelowPercentPrice;
        }

        return BinanceErrorCode.None;
    }

    private static long Pow10(int n)
    {
        long v = 1;
        for (int i = 0; i < n; i++)
        {
            v *= 10;
        }

        return v;
    }
}
