using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>
/// A symbol's venue filters (Binance USD-M <c>exchangeInfo</c>: PRICE_FILTER, LOT_SIZE, MARKET_LOT_SIZE,
/// MIN_NOTIONAL, PERCENT_PRICE) in fixed point. A zero maximum means "no maximum". A zero tick or lot step
/// means the filters are unknown (e.g. <c>default</c>): <see cref="IsValid"/> is false and nothing may trade.
/// </summary>
public readonly struct SymbolFilters
{
    public Price TickSize { get; init; }
    public Price MinPrice { get; init; }
    public Price MaxPrice { get; init; }

    /// <summary>LOT_SIZE: limit (and stop) orders.</summary>
    public Quantity StepSize { get; init; }
    public Quantity MinQty { get; init; }
    public Quantity MaxQty { get; init; }

    /// <summary>MARKET_LOT_SIZE: market orders.</summary>
    public Quantity MarketStepSize { get; init; }
    public Quantity MarketMinQty { get; init; }
    public Quantity MarketMaxQty { get; init; }

    /// <summary>MIN_NOTIONAL (Binance futures field <c>notional</c>): price × quantity must reach it.</summary>
    public Money MinNotional { get; init; }

    /// <summary>PERCENT_PRICE bounds as fractions scaled by 10^8 (1.15 is 115_000_000); zero means unchecked.</summary>
    public long MultiplierUpE8 { get; init; }
    public long MultiplierDownE8 { get; init; }

    public bool IsValid => TickSize.E8 > 0 && StepSize.E8 > 0 && MarketStepSize.E8 > 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quantity Step(bool market) => market ? MarketStepSize : StepSize;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quantity Min(bool market) => market ? MarketMinQty : MinQty;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quantity Max(bool market) => market ? MarketMaxQty : MaxQty;

    /// <summary>The largest multiple of the tick at or below <paramref name="price"/> (requires <see cref="IsValid"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Price FloorToTick(Price price) => new(FloorToMultiple(price.E8, TickSize.E8));

    /// <summary>The smallest multiple of the tick at or above <paramref name="price"/> (requires <see cref="IsValid"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Price CeilToTick(Price price) => new(-FloorToMultiple(-price.E8, TickSize.E8));

    /// <summary>The largest multiple of the lot step at or below <paramref name="quantity"/> (requires <see cref="IsValid"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Quantity FloorToStep(Quantity quantity, bool market) => new(FloorToMultiple(quantity.E8, Step(market).E8));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOnTick(Price price) => price.E8 % TickSize.E8 == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOnStep(Quantity quantity, bool market) => quantity.E8 % Step(market).E8 == 0;

    /// <summary>PRICE_FILTER range: at or above the minimum and, when there is one, at or below the maximum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsInPriceRange(Price price) => price >= MinPrice && price.E8 > 0 && (MaxPrice.E8 == 0 || price <= MaxPrice);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FloorToMultiple(long value, long step)
    {
        long remainder = value % step;
        long floored = value - remainder;
        return remainder < 0 ? floored - step : floored;
    }
}
