using Engine.Model;
using Engine.Risk;

namespace Engine.Pipeline;

/// <summary>
/// The run's trading figures as a status line shows them, with the meanings of the run's summary: signals evaluated,
/// new orders sent (cancels and status queries not included), cancels sent, fills the OMS applied (duplicates not
/// included), positions closed, and the closed positions' realised PnL and fees. Kept by the engine thread and handed
/// to other threads only through <see cref="PublishedAccount"/>.
/// </summary>
public struct AccountFigures
{
    public long Signals;
    public long Orders;
    public long Cancels;
    public long Fills;
    public long PositionsClosed;

    /// <summary>Operator commands the engine has applied (halt, resume, flatten, cancel-all, status).</summary>
    public long OperatorCommands;

    /// <summary>The breaker state after the last operator command.</summary>
    public TradingState State;

    /// <summary>Working orders and open positions after the last operator command (counted then, not kept live).</summary>
    public int WorkingOrders;
    public int OpenPositions;

    /// <summary>Orders whose outcome the venue has yet to give (<c>OrderManager.AwaitingVenue</c>), kept live.</summary>
    public int AwaitingVenue;

    /// <summary>Realised PnL of the closed positions, before fees.</summary>
    public Money RealizedPnl;

    /// <summary>Fees of the closed positions.</summary>
    public Money Fees;

    /// <summary>Realised PnL less fees of the closed positions: the summary's <c>netPnl</c>.</summary>
    public readonly Money NetPnl => RealizedPnl - Fees;
}
