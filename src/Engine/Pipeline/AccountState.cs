using Engine.Model;
using Engine.Risk;

namespace Engine.Pipeline;

/// <summary>
/// The account as the risk gate sees it, kept by the engine thread from closed positions in event time: equity
/// (start + realised − fees), its peak, today's realised PnL, consecutive losses, trades today, last close.
/// </summary>
public sealed class AccountState
{
    private long _day = long.MinValue;

    public AccountState(Money startingEquity)
    {
        Equity = startingEquity;
        EquityPeak = startingEquity;
    }

    public Money Equity { get; private set; }

    public Money EquityPeak { get; private set; }

    public Money DailyRealizedPnl { get; private set; }

    public int ConsecutiveLosses { get; private set; }

    public int TradesToday { get; private set; }

    /// <summary>Event time of the last close; 0 when none (the convention of <see cref="RiskInputs.LastCloseTimeMs"/>).</summary>
    public long LastCloseTimeMs { get; private set; }

    /// <summary>Rolls the daily counters when event time crosses 00:00 UTC.</summary>
    public void AdvanceTo(long timeMs)
    {
        long day = UtcDay.Of(timeMs);
        if (day != _day)
        {
            _day = day;
            DailyRealizedPnl = Money.Zero;
            TradesToday = 0;
        }
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
