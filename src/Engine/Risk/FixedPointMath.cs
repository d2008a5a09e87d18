using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Risk;

/// <summary>
/// Exact products and quotients of 10^-8 fixed-point values for the gate, avoiding 128-bit division where the
/// 64-bit one is enough (it is several times cheaper; see PreTradeRiskBenchmarks.Admit).
/// </summary>
internal static class FixedPointMath
{
    /// <summary>floor(a × b / c) for a, b ≥ 0 and c > 0, saturating at <see cref="long.MaxValue"/>; 0 when a or b ≤ 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long MulDivFloor(long a, long b, long c)
    {
        if (a <= 0 || b <= 0)
        {
            return 0;
        }

        ulong high = Math.BigMul((ulong)a, (ulong)b, out ulong low);
        if (high == 0)
        {
            ulong q = low / (ulong)c;
            return q > long.MaxValue ? long.MaxValue : (long)q;
        }

        return MulDivFloorWide(high, low, c);
    }

    /// <summary>ceil(a × b / c) for a, b ≥ 0 and c > 0 (cold enough: once per admitted signal); 0 when a or b ≤ 0.</summary>
    public static long MulDivCeil(long a, long b, long c)
    {
        if (a <= 0 || b <= 0)
        {
            return 0;
        }

        Int128 product = (Int128)a * b;
        Int128 q = Int128.DivRem(product, c).Quotient;
        if (q * c < product)
        {
            q++;
        }

        return q > long.MaxValue ? long.MaxValue : (long)q;
    }

    /// <summary>part ≥ whole × fraction, exactly, with the fraction scaled by 10^8 (no rounding of the threshold).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AtLeastFraction(long part, long whole, long fractionE8) =>
        (Int128)part * FixedPoint.Scale >= (Int128)whole * fractionE8;

    /// <summary>
    /// price × quantity exactly as <see cref="Money.Notional"/> rounds it (half-to-even at 10^-8), in 64-bit pieces
    /// when the whole parts are small enough, which is every real order; otherwise it defers to <see cref="Money.Notional"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Money Notional(Price price, Quantity quantity)
    {
        const long S = FixedPoint.Scale;
        long p = price.E8;
        long q = quantity.E8;
        if (p < 0 || q < 0 || p >= (1L << 52) || q >= (1L << 52))
        {
            return Money.Notional(price, quantity);
        }

        // p = pi·S + pf and q = qi·S + qf, so p·q/S = pi·qi·S + pi·qf + pf·qi + pf·qf/S; only the last term has a fraction.
        long pi = p / S, pf = p % S, qi = q / S, qf = q % S;
        long wholes = pi * qi; // both below 2^26: no overflow
        if (wholes >= 80_000_000_000)
        {
            return Money.Notional(price, quantity);
        }

        long small = pf * qf; // below 10^16
        long quotient = (wholes * S) + (pi * qf) + (pf * qi) + (small / S);
        long twice = (small % S) * 2;
        if (twice > S || (twice == S && (quotient & 1) != 0))
        {
            quotient++;
        }

        return new Money(quotient);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MulDivFloorWide(ulong high, ulong low, long c)
    {
        UInt128 q = new UInt128(high, low) / (ulong)c;
        return q > long.MaxValue ? long.MaxValue : (long)q;
    }
}
