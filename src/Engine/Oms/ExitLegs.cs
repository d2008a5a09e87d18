using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// How a filled entry is split into take-profit legs, in whole lot units. With <c>n</c> = quantity / step and
/// <c>m</c> = the minimum leg in lots (max(1, ceil(minQty / step))):
/// <list type="bullet">
/// <item>n ≥ 3m: three legs, TP1 = TP2 = floor(n / 3), the trailing remainder takes the rest (n − 2·floor(n/3), the largest);</item>
/// <item>2m ≤ n &lt; 3m: two legs, TP1 = floor(n / 2), TP2 = the rest; nothing trails;</item>
/// <item>n &lt; 2m: one leg, TP1 = all of it.</item>
/// </list>
/// The legs always add up to the floored quantity; any dust below one step is left to the stop.
/// </summary>
public readonly record struct ExitLegs(Quantity TakeProfit1, Quantity TakeProfit2, Quantity Trailing)
{
    public int Count => (TakeProfit1.E8 > 0 ? 1 : 0) + (TakeProfit2.E8 > 0 ? 1 : 0) + (Trailing.E8 > 0 ? 1 : 0);

    public static ExitLegs Split(Quantity quantity, Quantity step, Quantity minQuantity)
    {
        long lots = quantity.E8 / step.E8;
        long minLots = Math.Max(1, (minQuantity.E8 + step.E8 - 1) / step.E8);
        if (lots >= 3 * minLots)
        {
            long third = lots / 3;
            return new ExitLegs(Lots(third, step), Lots(third, step), Lots(lots - (2 * third), step));
        }

        if (lots >= 2 * minLots)
        {
            long half = lots / 2;
            return new ExitLegs(Lots(half, step), Lots(lots - half, step), Quantity.Zero);
        }

        return new ExitLegs(Lots(lots, step), Quantity.Zero, Quantity.Zero);
    }

    private static Quantity Lots(long lots, Quantity step) => new(lots * step.E8);
}
