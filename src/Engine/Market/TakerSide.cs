using System.Runtime.CompilerServices;

namespace Engine.Market;

/// <summary>Which side of a trade the taker was on, as arithmetic rather than a branch.</summary>
internal static class TakerSide
{
    /// <summary>
    /// <paramref name="quantityE8"/> when the buyer was the maker (the taker sold), else 0, without a branch: the
    /// flag flips from trade to trade about as often as a coin, so a branch on it would be mispredicted constantly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long SellQuantity(bool buyerIsMaker, long quantityE8) =>
        quantityE8 & -(long)Unsafe.BitCast<bool, byte>(buyerIsMaker);
}
