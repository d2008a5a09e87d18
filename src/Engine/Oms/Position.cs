using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// A symbol's net position in exact fixed point. <see cref="CostBasis"/> is the signed notional paid for the open
/// quantity (negative for a short); a reducing fill releases its share of the basis, all of it when the position
/// closes, so over a round trip the realised PnL equals the sum of the fills' cash flows exactly.
/// </summary>
public struct Position
{
    /// <summary>Signed size: positive long, negative short.</summary>
    public Quantity Size;

    public Money CostBasis;
    public Money RealizedPnl;
    public Money Fees;
    public long Fills;

    public readonly bool IsFlat => Size.E8 == 0;

    public readonly Quantity AbsoluteSize => new(Math.Abs(Size.E8));

    /// <summary>Average entry price (basis / size), rounded half away from zero to 10^-8; zero when flat.</summary>
    public readonly Price AveragePrice => Size.E8 == 0 ? Price.Zero : new Price(MulDiv(CostBasis.E8, FixedPoint.Scale, Size.E8));

    /// <summary>Mark-to-market PnL of the open quantity at <paramref name="mark"/>.</summary>
    public readonly Money UnrealizedPnl(Price mark) => Money.Notional(mark, Size) - CostBasis;

    /// <summary>Realised PnL less fees.</summary>
    public readonly Money NetPnl => RealizedPnl - Fees;

    /// <summary>Applies a fill; returns the PnL it realised (zero for a fill that opens or adds).</summary>
    public Money Apply(Side side, Quantity quantity, Price price, Money fee)
    {
        Fees += fee;
        Fills++;
        long delta = side == Side.Buy ? quantity.E8 : -quantity.E8;
        long size = Size.E8;
        if (size == 0 || (size > 0) == (delta > 0))
        {
            Size = new Quantity(size + delta);
            CostBasis += Money.Notional(price, new Quantity(delta));
            return Money.Zero;
        }

        long closing = Math.Abs(delta) <= Math.Abs(size) ? delta : -size;
        long opening = delta - closing;
        Money released = closing == -size ? CostBasis : new Money(MulDiv(CostBasis.E8, -closing, size));
        Money realized = -Money.Notional(price, new Quantity(closing)) - released;
        RealizedPnl += realized;
        CostBasis -= released;
        Size = new Quantity(size + closing);
        if (opening != 0)
        {
            Size = new Quantity(opening);
            CostBasis = Money.Notional(price, new Quantity(opening)); // a flip opens the rest at this price
        }

        return realized;
    }

    /// <summary>a × b / c rounded half away from zero, in 128 bits.</summary>
    private static long MulDiv(long a, long b, long c)
    {
        Int128 product = (Int128)a * b;
        Int128 q = Int128.DivRem(product, c).Quotient;
        Int128 r = product - (q * c);
        if (Int128.Abs(r) * 2 >= Int128.Abs(c))
        {
            q += (product < 0) != (c < 0) ? -1 : 1;
        }

        return checked((long)q);
    }
}
