using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// The one place where the risk gate turns statistics (<c>double</c>) into fixed point: the ATR stop distance and
/// the signal's reference price. Everything downstream of these two calls is integer arithmetic.
/// </summary>
internal static class DoubleConversion
{
    // Largest value accepted: 10^10 quote units keeps every later product with a quantity inside Int128 with room.
    private const double MaxValue = 1e10;

    /// <summary>ATR × ATR_MULT to the nearest 10^-8; false for NaN, infinities, zero or negative products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryStopDistance(double atr, double atrMult, out Price distance)
    {
        double product = atr * atrMult;
        return TryPrice(product, out distance);
    }

    /// <summary>A positive finite price to the nearest 10^-8; false otherwise (NaN included, by the negated compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryPrice(double value, out Price price)
    {
        if (!(value > 0 && value <= MaxValue))
        {
            price = default;
            return false;
        }

        long e8 = (long)Math.Round(value * FixedPoint.Scale, MidpointRounding.ToEven);
        price = new Price(e8);
        return e8 > 0;
    }
}
