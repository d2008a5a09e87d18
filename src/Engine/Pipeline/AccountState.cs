using Engine.Model;
using Engine.Oms;
using Engine.Risk;

namespace Engine.Pipeline;

/// <summary>
/// The account as the risk gate sees it, kept by the engine thread from closed positions in event time: equity
/// (start + realised − fees), its peak, today's realised PnL, consecutive losses, trades today, last close.
/// </summary>
/// <remarks>
/// What a HALTED breaker needs to end (contracts §5: "until the next UTC day or a manual resume"), so that the next
/// signal does not trip it again at once:
/// <list type="bullet">
/// <item>At the UTC day roll: today's realised PnL and trade count go to zero, the consecutive-loss streak goes to
/// zero, and with <see cref="DrawdownReference.Daily"/> (the default) the equity peak is re-based to the equity.</item>
/// <item>On an operator resume (<see cref="OnOperatorResume"/>): the same, whatever the drawdown rule: the operator
/// has looked at the account and starts a fresh risk period from it. Equity itself never resets.</item>
/// </list>
/// A limit halt's own end (the breaker going back to ACTIVE) is the <see cref="CircuitBreaker"/>'s; this class resets
/// the figures the limits are checked against.
/// </remarks>
public sealed class AccountState
{
    private readonly DrawdownReference _drawdownReference;
    private long _day = long.MinValue;

    public AccountState(Money startingEquity, DrawdownReference drawdownReference = DrawdownReference.Daily)
    {
        Equity = startingEquity;
        EquityPeak = startingEquity;
        _drawdownReference = drawdownReference;
    }

    public Money Equity { get; private set; }

    /// <summary>The reference of the drawdown check: highest equity since the last re-base (see the remarks).</summary>
    public Money EquityPeak { get; private set; }

    public Money DailyRealizedPnl { get; private set; }

    /// <summary>Losing round trips in a row since the last win, day roll or operator resume.</summary>
    public int ConsecutiveLosses { get; private set; }

    public int TradesToday { get; private set; }

    /// <summary>Event time of the last close; 0 when none (the convention of <see cref="RiskInputs.LastCloseTimeMs"/>).</summary>
    public long LastCloseTimeMs { get; private set; }

    /// <summary>Rolls the daily figures when event time crosses 00:00 UTC (see the remarks for what resets).</summary>
    public void AdvanceTo(long timeMs)
    {
        long day = UtcDay.Of(timeMs);
        if (day != _day)
        {
            bool first = _day == long.MinValue;
            _day = day;
            DailyRealizedPnl = Money.Zero;
            TradesToday = 0;
            if (!first)
            {
                ConsecutiveLosses = 0;
                if (_drawdownReference == DrawdownReference.Daily)
                {
                    EquityPeak = Equity;
                }
            }
        }
    }

    /// <summary>The operator resumed trading: a fresh risk period from the account as it is now.</summary>
    public void OnOperatorResume(long timeMs)
    {
        AdvanceTo(timeMs);
        DailyRealizedPnl = Money.Zero;
        TradesToday = 0;
        ConsecutiveLosses = 0;
        EquityPeak = Equity;
    }

    /// <summary>
    /// Equity marked with the open positions (<paramref name="openPnl"/>): the closed positions' equity plus it. A marked
    /// equity above the peak raises the peak, so the drawdown is measured from the highest equity seen, open PnL included.
    /// </summary>
    public Money MarkedEquity(Money openPnl)
    {
        Money marked = Equity + openPnl;
        if (marked > EquityPeak)
        {
            EquityPeak = marked;
        }

        return marked;
    }

    public void OnEntrySubmitted(long timeMs)
    {
        AdvanceTo(timeMs);
        TradesToday++;
    }

    public void OnPositionClosed(in ClosedPosition position)
    {
        AdvanceTo(position.ClosedMs);
        Money net = position.NetPnl;
        Equity += net;
        if (Equity > EquityPeak)
        {
            EquityPeak = Equity;
        }

        DailyRealizedPnl += net;
        ConsecutiveLosses = net.E8 < 0 ? ConsecutiveLosses + 1 : 0;
        LastCloseTimeMs = position.ClosedMs;
    }
}
