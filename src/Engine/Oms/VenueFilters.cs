using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// The exchangeInfo filters one symbol's orders must meet: PRICE_FILTER tick, LOT_SIZE step and minimum, MIN_NOTIONAL.
/// Used by the OMS to put prices and quantities on the grid and by the paper venue to reject what Binance rejects.
/// (Minimal on purpose; the lead unifies it with Model/SymbolFilters.)
/// </summary>
public readonly record struct VenueFilters(Price TickSize, Quantity StepSize, Quantity MinQuantity, Money MinNotional)
{
    /// <summary>LOT_SIZE maxQty (limit and stop orders); zero means no limit.</summary>
    public Quantity MaxQuantity { get; init; }

    /// <summary>MARKET_LOT_SIZE maxQty (market orders); zero means no limit.</summary>
    public Quantity MarketMaxQuantity { get; init; }

    /// <summary>PERCENT_PRICE multiplierUp / multiplierDown × 10^8 (a limit must lie within mark × them); zero means none.</summary>
    public long MultiplierUpE8 { get; init; }

    public long MultiplierDownE8 { get; init; }

    public bool IsValid => TickSize.E8 > 0 && StepSize.E8 > 0 && MinQuantity.E8 >= 0 && MinNotional.E8 >= 0;

    public Quantity FloorToStep(Quantity quantity) => new(quantity.E8 - (quantity.E8 % StepSize.E8));

    /// <summary>Nearest tick, halves away from zero.</summary>
    public Price RoundToTick(Price price)
    {
        long tick = TickSize.E8;
        long q = Math.DivRem(price.E8, tick, out long r);
        if (Math.Abs(r) * 2 >= tick)
        {
            q += Math.Sign(r);
        }

        return new Price(q * tick);
    }

    /// <summary>The tick at or above <paramref name="price"/>.</summary>
    public Price CeilToTick(Price price)
    {
        long tick = TickSize.E8;
        long q = Math.DivRem(price.E8, tick, out long r);
        return new Price((r > 0 ? q + 1 : q) * tick);
    }

    /// <summary>The tick at or below <paramref name="price"/>.</summary>
    public Price FloorToTick(Price price)
    {
        long tick = TickSize.E8;
        long q = Math.DivRem(price.E8, tick, out long r);
        return new Price((r < 0 ? q - 1 : q) * tick);
    }

    public Price Ticks(long count) => new(TickSize.E8 * count);

    /// <summary>The quantity precision implied by the step: 0.001 → 3 decimals, as in exchangeInfo.</summary>
    public int QuantityDecimals
    {
        get
        {
            int decimals = FixedPoint.Decimals;
            long step = StepSize.E8;
            while (decimals > 0 && step % 10 == 0)
            {
                step /= 10;
                decimals--;
            }

            return decimals;
        }
    }
}
