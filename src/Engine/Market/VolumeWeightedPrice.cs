using Engine.Model;

namespace Engine.Market;

/// <summary>
/// Σ(price×qty)/Σqty from exact fixed-point sums, converted to double once: the only rounding is the final
/// conversion (at most a unit or two in the last binary digit), whatever the number of trades.
/// </summary>
public static class VolumeWeightedPrice
{
    /// <summary>VWAP in quote units from Σ price.E8 × qty.E8 (scale 10^16) and Σ qty.E8; NaN when the volume is 0.</summary>
    public static double ToDouble(Int128 notionalE16, long quantityE8)
    {
        if (quantityE8 <= 0)
        {
            return double.NaN;
        }

        // Integer part of the average price in 10^-8 units, then the fraction: both exact before the last division.
        (Int128 whole, Int128 remainder) = Int128.DivRem(notionalE16, quantityE8);
        double priceE8 = (double)whole + ((double)(long)remainder / quantityE8);
        return priceE8 / FixedPoint.Scale;
    }
}
