using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// Contracts §5 sizing and the venue filters, in fixed point: risk amount = equity × RISK_PCT; stop distance =
/// ATR × ATR_MULT (or the swing stop); quantity = risk amount / stop distance, capped by the max notional and the
/// symbol's exposure headroom and the venue's max quantity, floored to the lot step. Prices go to the tick in the
/// safe direction: a long limit down and a short limit up (never pay more than asked), the stop towards the entry
/// (the loss at the stop never exceeds the risk amount). So the PRICE_FILTER tick always holds by construction.
/// </summary>
internal static class PositionSizer
{
    /// <summary>Signal price ± ENTRY_OFFSET_PCT, unrounded (the fat-finger check runs on it before the venue filters).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Price OffsetLimitPrice(Price reference, Side side, long offsetE8)
    {
        long offset = FixedPointMath.MulDivFloor(reference.E8, offsetE8, FixedPoint.Scale);
        return new Price(side == Side.Buy ? reference.E8 + offset : reference.E8 - offset);
    }

    /// <summary>Step 10: venue filters and sizing. <paramref name="orderPrice"/> is the unrounded limit, or 0 at market.</summary>
    public static RiskVerdict TrySize(in RiskLimits limits, in RiskInputs inputs, Side side, Price orderPrice, out OrderSizing sizing)
    {
        sizing = default;
        SymbolFilters filters = inputs.Filters;
        if (!filters.IsValid)
        {
            return RiskVerdict.UnknownFilters;
        }

        bool isLimit = orderPrice.E8 > 0;
        Price entry = inputs.LastTradePrice;
        if (isLimit)
        {
            entry = side == Side.Buy ? filters.FloorToTick(orderPrice) : filters.CeilToTick(orderPrice);
            if (!filters.IsInPriceRange(entry))
            {
                return RiskVerdict.PriceOutOfRange;
            }

            if (!WithinPercentPrice(in filters, entry, inputs.LastTradePrice))
            {
                return RiskVerdict.PercentPrice;
            }
        }

        StopRule rule = SelectStopDistance(in limits, in inputs, side, entry, out Price distance);
        if (rule == StopRule.None)
        {
            return RiskVerdict.NoStopDistance;
        }

        Price stop;
        if (side == Side.Buy)
        {
            stop = filters.CeilToTick(new Price(entry.E8 - distance.E8));
            if (stop >= entry)
            {
                return RiskVerdict.StopTooClose;
            }
        }
        else
        {
            stop = filters.FloorToTick(new Price(entry.E8 + distance.E8));
            if (stop <= entry)
            {
                return RiskVerdict.StopTooClose;
            }
        }

        if (!filters.IsInPriceRange(stop))
        {
            return RiskVerdict.StopOutOfRange;
        }

        // floored: the amount risked never rounds up
        Money risk = new(FixedPointMath.MulDivFloor(inputs.Equity.E8, limits.RiskPctE8, FixedPoint.Scale));
        bool market = !isLimit;
        // The estimated fees per unit: a taker fee on the entry and on a fill at the stop (rounded up: never under-counted).
        long feePerUnitE8 = FixedPointMath.MulDivCeil(entry.E8 + stop.E8, limits.FeeRateE8, FixedPoint.Scale);
        long perUnitE8 = limits.FeeInclusiveSizing ? distance.E8 + feePerUnitE8 : distance.E8; // the stop is rounded toward the entry: its loss ≤ distance
        long qty = FixedPointMath.MulDivFloor(risk.E8, FixedPoint.Scale, perUnitE8);

        Money headroom = limits.MaxSymbolExposure - inputs.SymbolExposure;
        Money cap = headroom < limits.MaxNotional ? headroom : limits.MaxNotional;
        qty = Math.Min(qty, FixedPointMath.MulDivFloor(cap.E8, FixedPoint.Scale, entry.E8));

        Quantity venueMax = filters.Max(market);
        if (venueMax.E8 > 0)
        {
            qty = Math.Min(qty, venueMax.E8);
        }

        Quantity quantity = filters.FloorToStep(new Quantity(Math.Max(qty, 0)), market);
        if (quantity.E8 == 0)
        {
            return RiskVerdict.SizeRoundsToZero;
        }

        if (quantity < filters.Min(market))
        {
            return RiskVerdict.BelowMinQty;
        }

        Money notional = FixedPointMath.Notional(entry, quantity);
        if (notional < filters.MinNotional)
        {
            return RiskVerdict.BelowMinNotional;
        }

        sizing = new OrderSizing
        {
            Side = side,
            IsLimit = isLimit,
            Quantity = quantity,
            EntryPrice = entry,
            StopPrice = stop,
            StopDistance = distance,
            StopRule = rule,
            RiskAmount = risk,
            EstimatedFees = EstimatedFees(entry, stop, quantity, limits.FeeRateE8),
            Notional = notional,
        };
        return RiskVerdict.Admitted;
    }

    /// <summary>Risk:FeeRate × (entry + stop) × quantity, rounded up to 10^-8, exactly in 128 bits.</summary>
    private static Money EstimatedFees(Price entry, Price stop, Quantity quantity, long rateE8)
    {
        const long E16 = FixedPoint.Scale * FixedPoint.Scale;
        Int128 product = (Int128)(entry.E8 + stop.E8) * quantity.E8 * rateE8; // scaled by 10^24
        Int128 q = Int128.DivRem(product, E16).Quotient;
        return new Money((long)(q * E16 < product ? q + 1 : q));
    }

    /// <summary>
    /// The stop rule (contracts §4): STOP_RULE first (ATR × ATR_MULT, or the swing), the other next, then entry ×
    /// STOP_FALLBACK_PCT when that is above 0. The swing distance is entry − lowest low (long) or highest high −
    /// entry (short), usable only when the swing lies beyond the entry. So rows without HiPrice/LowPrice (no ATR)
    /// still get a stop from their prices' swing.
    /// </summary>
    private static StopRule SelectStopDistance(in RiskLimits limits, in RiskInputs inputs, Side side, Price entry, out Price distance)
    {
        bool swingFirst = limits.StopRule == StopRule.Swing;
        if (swingFirst && TrySwing(in inputs, side, entry, out distance))
        {
            return StopRule.Swing;
        }

        if (DoubleConversion.TryStopDistance(inputs.Atr, limits.AtrMult, out distance))
        {
            return StopRule.Atr;
        }

        if (!swingFirst && TrySwing(in inputs, side, entry, out distance))
        {
            return StopRule.Swing;
        }

        distance = new Price(FixedPointMath.MulDivFloor(entry.E8, limits.StopFallbackPctE8, FixedPoint.Scale));
        return distance.E8 > 0 ? StopRule.FixedPercent : StopRule.None;
    }

    private static bool TrySwing(in RiskInputs inputs, Side side, Price entry, out Price distance)
    {
        Price swing = side == Side.Buy ? inputs.SwingLow : inputs.SwingHigh;
        long d = side == Side.Buy ? entry.E8 - swing.E8 : swing.E8 - entry.E8;
        distance = new Price(swing.E8 > 0 && d > 0 ? d : 0);
        return distance.E8 > 0;
    }

    /// <summary>PERCENT_PRICE against the last trade (the engine's stand-in for the mark price).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool WithinPercentPrice(in SymbolFilters filters, Price price, Price last)
    {
        Int128 scaled = (Int128)price.E8 * FixedPoint.Scale;
        if (filters.MultiplierUpE8 > 0 && scaled > (Int128)last.E8 * filters.MultiplierUpE8)
        {
            return false;
        }

        return filters.MultiplierDownE8 <= 0 || scaled >= (Int128)last.E8 * filters.MultiplierDownE8;
    }
}
