using System.Runtime.CompilerServices;

namespace Engine.Model;

/// <summary>
/// An amount of the quote asset (USDT) as an exact integer number of 10^-8 units: notionals, PnL, fees, equity.
/// Products of a <see cref="Price"/> and a <see cref="Quantity"/> are computed in 128 bits and rounded half-to-even
/// back to 10^-8, so no amount ever goes through <c>double</c>.
/// </summary>
public readonly record struct Money(long E8) : IComparable<Money>
{
    public static Money Zero => default;

    /// <summary>price × quantity, exact to 10^-8 (half-to-even on the dropped digits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Money Notional(Price price, Quantity quantity) => new(MulDivScale(price.E8, quantity.E8));

    /// <summary>amount × rate, where the rate is a fraction scaled by 10^8 (e.g. a 0.04% fee is 40_000).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Money Times(Money amount, long rateE8) => new(MulDivScale(amount.E8, rateE8));

    public double ToDouble() => FixedPoint.ToDouble(E8);

    public decimal ToDecimal() => (decimal)E8 / FixedPoint.Scale;

    public static Money FromDecimal(decimal value) => new((long)decimal.Round(value * FixedPoint.Scale, MidpointRounding.ToEven));

    public int CompareTo(Money other) => E8.CompareTo(other.E8);

    public static Money operator +(Money a, Money b) => new(a.E8 + b.E8);
    public static Money operator -(Money a, Money b) => new(a.E8 - b.E8);
    public static Money operator -(Money a) => new(-a.E8);
    public static bool operator <(Money a, Money b) => a.E8 < b.E8;
    public static bool operator >(Money a, Money b) => a.E8 > b.E8;
    public static bool operator <=(Money a, Money b) => a.E8 <= b.E8;
    public static bool operator >=(Money a, Money b) => a.E8 >= b.E8;

    public override string ToString() => FixedPoint.ToString(E8);

    /// <summary>a × b / 10^8 rounded half-to-even, computed in 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long MulDivScale(long a, long b)
    {
        Int128 product = (Int128)a * b;
        Int128 quotient = Int128.DivRem(product, FixedPoint.Scale).Quotient;
        Int128 remainder = product - (quotient * FixedPoint.Scale);
        Int128 twice = Int128.Abs(remainder) * 2;
        if (twice > FixedPoint.Scale || (twice == FixedPoint.Scale && (quotient & 1) != 0))
        {
            quotient += product < 0 ? -1 : 1;
        }

        return checked((long)quotient); // beyond ±92 billion quote units is a bug, not a value to wrap
    }
}
