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

    /// <summary>part ≥ whole × fraction, exactly, with the fraction scaled by 10^8 (no rounding of the threshold).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AtLeastFraction(long part, long whole, long fractionE8) =>
        (Int128)part * FixedPoint.Scale >= (Int128)whole * fractionE8;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long MulDivFloorWide(ulong high, ulong low, long c)
    {
        UInt128 q = new UInt128(high, low) / (ulong)c;
        return q > long.MaxValue ? long.MaxValue : (long)q;
    }
}
