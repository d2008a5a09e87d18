using Engine.Model;

namespace Engine.Oms;

/// <summary>One symbol's position plan (contracts §4): entry, stop, take-profit legs, trailing. Engine thread only.</summary>
public struct PositionPlan
{
    public ExitPhase Phase;
    public ExitStage Stage;
    public Side EntrySide;
    public FlattenReason FlattenReason;

    public ClientOrderId EntryId;
    public ClientOrderId StopId;

    /// <summary>A replacement stop sent and not yet accepted; the old <see cref="StopId"/> stays until it is.</summary>
    public ClientOrderId PendingStopId;
    public ClientOrderId TakeProfit1Id;
    public ClientOrderId TakeProfit2Id;
    public ClientOrderId FlattenId;

    public Price StopDistance;

    /// <summary>The stop the risk gate sized the entry for; zero when only a distance was given.</summary>
    public Price PlannedStopPrice;

    /// <summary>The quantity the newest stop sent (working or pending) covers; resized when the position changes.</summary>
    public Quantity StopSize;

    /// <summary>A stop refused for a transient reason is resent at this event time (0: nothing waiting).</summary>
    public long StopRetryAtMs;

    /// <summary>A refused flatten is resent at this event time.</summary>
    public long FlattenRetryAtMs;

    /// <summary>What the entry fills is closed at once, not kept (operator flatten or a halt while it was working).</summary>
    public bool CloseEntryFills;
    public Price EntryPrice;
    public Price StopPrice;
    public Price PendingStopPrice;
    public Price TakeProfit1Price;
    public Price TakeProfit2Price;
    public ExitLegs Legs;

    /// <summary>Best trade price since trailing began (highest for a long, lowest for a short).</summary>
    public Price TrailBest;

    public int StopAttemptsLeft;
    public long EntrySubmittedMs;
    public long EntryFilledMs;

    /// <summary>The price of the newest stop sent, or zero before the first.</summary>
    public readonly Price CurrentStopPrice => !PendingStopId.IsNone ? PendingStopPrice : !StopId.IsNone ? StopPrice : PendingStopPrice;

    public readonly Side ExitSide => EntrySide == Side.Buy ? Side.Sell : Side.Buy;
}
