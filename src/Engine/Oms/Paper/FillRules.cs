using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Oms.Paper;

/// <summary>What one print gives one order: a quantity at a price, as maker or taker. Zero quantity: nothing.</summary>
public readonly record struct PrintFill(Quantity Quantity, Price Price, bool Maker)
{
    public bool IsNone => Quantity.E8 == 0;
}

/// <summary>What the rules see of the account behind an order: its signed position in the symbol and the margin it may still commit.</summary>
public readonly record struct AccountView(Quantity Position, Money Margin, int Leverage)
{
    /// <summary>No margin check (the paper venue when it has no wallet).</summary>
    public static AccountView Unchecked(Quantity position) => new(position, default, 1);
}

/// <summary>
/// The fill and filter rules of the simulated venue, one implementation shared by the engine's paper venue
/// (<see cref="PaperVenue"/>) and <c>engine sim</c>'s trading desk, so a strategy sees the same fills from both.
/// Prints drive matching (there is no book): a limit fills when a print is at or through it, at most the print's
/// quantity, at its limit as maker, or at the print's price as taker when it was marketable on arrival; market orders
/// take at most the print's quantity left for market orders, at the print's price moved against them by the slippage,
/// and walk later prints for the rest; a stop-market (print at or through the stop) or take-profit-market (at or
/// through the target) triggers on the print and then fills as a market order, so a gap fills at the print, never at
/// the stop. <see cref="Validate"/> rejects what Binance rejects, in Binance's order, with its codes.
/// </summary>
public static partial class FillRules
{
    /// <summary>
    /// What a print gives an order, given what it has left and what the print has left for market orders
    /// (<paramref name="marketRoom"/>; a limit takes from the print's own quantity). Sets
    /// <paramref name="triggered"/> when a stop or take-profit triggers on this print.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static PrintFill Match(
        OrderType type, Side side, Price limit, Price stop, bool takerOnFill, ref bool triggered,
        Quantity remaining, Price print, Quantity printQuantity, Quantity marketRoom, long slippageE8)
    {
        bool buy = side == Side.Buy;
        switch (type)
        {
            case OrderType.Market:
                return AtMarket(buy, remaining, print, marketRoom, slippageE8);
            case OrderType.StopMarket:
            case OrderType.TakeProfitMarket:
                if (!triggered && !Triggers(type, side, stop, print))
                {
                    return default;
                }

                triggered = true;
                return AtMarket(buy, remaining, print, marketRoom, slippageE8);
            case OrderType.Limit:
                if (buy ? print <= limit : print >= limit)
                {
                    Quantity q = remaining < printQuantity ? remaining : printQuantity;
                    return new PrintFill(q, takerOnFill ? print : limit, !takerOnFill);
                }

                return default;
            default:
                return default;
        }
    }

    /// <summary>A stop-market triggers when the print is at or through its stop (a buy at or above, a sell at or below); a take-profit-market mirrors it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Triggers(OrderType type, Side side, Price stop, Price print)
    {
        bool buy = side == Side.Buy;
        return type == OrderType.StopMarket ? (buy ? print >= stop : print <= stop) : (buy ? print <= stop : print >= stop);
    }

    /// <summary>
    /// Without a book, a limit "would take" when it is at or through the last trade price: a buy at or above it,
    /// a sell at or below it. Unknown (false) before the first trade.
    /// </summary>
    public static bool WouldTake(Side side, Price limit, Price last) =>
        !last.IsZero && (side == Side.Buy ? limit >= last : limit <= last);

    /// <summary>A stop or take-profit that the last price already reached would trigger at once (-2021).</summary>
    public static bool WouldTrigger(OrderType type, Side side, Price stop, Price last) => !last.IsZero && Triggers(type, side, stop, last);

    /// <summary>Of <paramref name="quantity"/>, what a reduce-only order may still fill: never more than closes the position.</summary>
    public static Quantity ReduceOnlyRoom(Side side, Quantity position, Quantity quantity)
    {
        long room = side == Side.Sell ? Math.Max(position.E8, 0) : Math.Max(-position.E8, 0);
        return new Quantity(Math.Min(quantity.E8, room));
    }

    /// <summary>The fee of a fill: notional × the maker or taker rate (rates × 10^8).</summary>
    public static Money Fee(Price price, Quantity quantity, bool maker, long makerRateE8, long takerRateE8) =>
        Money.Times(Money.Notional(price, quantity), maker ? makerRateE8 : takerRateE8);

    private static PrintFill AtMarket(bool buy, Quantity remaining, Price print, Quantity room, long slippageE8)
    {
        Quantity q = remaining < room ? remaining : room;
        return q.E8 <= 0 ? default : new PrintFill(q, new Price(buy ? print.E8 + slippageE8 : print.E8 - slippageE8), false);
    }
}
