using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Engine.Market;

/// <summary>
/// An exact running Σ price.E8 × qty.E8 (scale 10^16) over positive operands, as two 64-bit halves: one widening
/// multiply and an add-with-carry per trade, cheaper on the hot path than general <see cref="Int128"/> arithmetic
/// (see MarketStagesBenchmarks). Holds up to 2^128 - 1, about 3.4·10^22 quote units.
/// </summary>
internal struct NotionalSum
{
    private ulong _low;
    private ulong _high;

    public readonly Int128 Value => (Int128)new UInt128(_high, _low);

    /// <summary>Adds price × quantity; both must be positive (the stages validate trades first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long priceE8, long quantityE8)
    {
        // High half by MULX alone and low half by an ordinary multiply: Math.BigMul's out parameter would send the
        // low half through a stack slot on every trade.
        ulong a = (ulong)priceE8, b = (ulong)quantityE8;
        ulong high = Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);
        ulong low = a * b;
        ulong sum = _low + low;
        _high += high + (sum < low ? 1UL : 0UL);
        _low = sum;
    }

    public void Clear()
    {
        _low = 0;
        _high = 0;
    }
}
