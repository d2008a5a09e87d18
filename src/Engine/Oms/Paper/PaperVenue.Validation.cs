using Engine.Model;

namespace Engine.Oms.Paper;

public sealed partial class PaperVenue
{
    /// <summary>The first Binance rule the request breaks, in the order Binance checks them; None when it passes.</summary>
    private BinanceErrorCode Validate(in OrderRequest r)
    {
        int s = r.Symbol.Value;
        if ((uint)s >= (uint)_filters.Length || !_filters[s].IsValid)
        {
            return BinanceErrorCode.NewOrderRejected; // unknown symbol
        }

        ref readonly VenueFilters f = ref _filters[s];
        long qty = r.Quantity.E8;
        if (qty <= 0)
        {
            return BinanceErrorCode.QuantityNotPositive;
        }

        long precisionUnit = Pow10(FixedPoint.Decimals - f.QuantityDecimals);
        if (qty % precisionUnit != 0)
        {
            return BinanceErrorCode.BadPrecision; // more decimals than the symbol's quantity precision
        }

        if (qty % f.StepSize.E8 != 0)
        {
            return BinanceErrorCode.QuantityNotIncreasedByStepSize;
        }

        if (r.Quantity < f.MinQuantity)
        {
            return BinanceErrorCode.FilterFailureLotSize;
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

        if (limit && !_lastPrice[s].IsZero)
        {
            // PERCENT_PRICE against the mark; the last trade stands in for it until mark prices are fed in.
            Int128 scaled = (Int128)r.Price.E8 * FixedPoint.Scale;
            if (f.MultiplierUpE8 > 0 && scaled > (Int128)_lastPrice[s].E8 * f.MultiplierUpE8)
            {
                return BinanceErrorCode.PriceAbovePercentPrice;
            }

            if (f.MultiplierDownE8 > 0 && scaled < (Int128)_lastPrice[s].E8 * f.MultiplierDownE8)
            {
                return BinanceErrorCode.PriceBelowPercentPrice;
            }
        }

        Price reference = limit ? r.Price : stop ? r.StopPrice : _lastPrice[s];
        if (!r.ReduceOnly && !reference.IsZero && Money.Notional(reference, r.Quantity) < f.MinNotional)
        {
            return BinanceErrorCode.MinNotional; // "unless you choose reduce only"
        }

        if (r.ReduceOnly)
        {
            long pos = _position[s].E8;
            bool reduces = r.Side == Side.Sell ? pos > 0 : pos < 0;
            if (!reduces)
            {
                return BinanceErrorCode.ReduceOnlyRejected;
            }
        }

        if (!r.ReduceOnly && !reference.IsZero && !MarginSuffices(in r, reference))
        {
            return BinanceErrorCode.MarginNotSufficient;
        }

        if (stop && WouldTrigger(in r, _lastPrice[s]))
        {
            return BinanceErrorCode.OrderWouldImmediatelyTrigger;
        }

        if (limit && r.TimeInForce == TimeInForce.Gtx && WouldTake(in r, _lastPrice[s]))
        {
            return BinanceErrorCode.PostOnlyWouldTake;
        }

        return BinanceErrorCode.None;
    }

    /// <summary>
    /// Initial margin at the configured leverage: an order that grows the position needs |position after it| × price /
    /// leverage within the wallet balance (no check when the balance is zero).
    /// </summary>
    private bool MarginSuffices(in OrderRequest r, Price reference)
    {
        if (_walletBalance.E8 <= 0)
        {
            return true;
        }

        long pos = _position[r.Symbol.Value].E8;
        long after = pos + (r.Side == Side.Buy ? r.Quantity.E8 : -r.Quantity.E8);
        if (Math.Abs(after) <= Math.Abs(pos))
        {
            return true; // reduces or flips no further than the current size
        }

        Money notional = Money.Notional(reference, new Quantity(Math.Abs(after)));
        return (Int128)notional.E8 <= (Int128)_walletBalance.E8 * _leverage;
    }

    /// <summary>
    /// Without a book, a limit "would take" when it is at or through the last trade price: a buy at or above it,
    /// a sell at or below it. Unknown before the first trade.
    /// </summary>
    private static bool WouldTake(in OrderRequest r, Price last) =>
        !last.IsZero && (r.Side == Side.Buy ? r.Price >= last : r.Price <= last);

    /// <summary>A sell stop at or above the last price (a buy stop at or below it) would trigger at once; take-profits mirror it.</summary>
    private static bool WouldTrigger(in OrderRequest r, Price last)
    {
        if (last.IsZero)
        {
            return false;
        }

        bool sell = r.Side == Side.Sell;
        return r.Type == OrderType.StopMarket
            ? (sell ? r.StopPrice >= last : r.StopPrice <= last)
            : (sell ? r.StopPrice <= last : r.StopPrice >= last);
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
