using Engine.Model;

namespace Engine.Oms;

/// <summary>One symbol's position plan (contracts §4): entry, stop, take-profit legs, trailing, cooldown. Engine thread only.</summary>
public struct ExitPlan
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

    /// <summary>No entry before this event time (exclusive), Unix epoch ms.</summary>
    public long CooldownUntilMs;

    public readonly Side ExitSide => EntrySide == Side.Buy ? Side.Sell : Side.Buy;
}
