using Engine.Model;
using Engine.Oms;
using Engine.Risk;

namespace Engine.Pipeline;

/// <summary>A signal as emitted (for the signal log) and its fate in the risk gate and the OMS (for the journal).</summary>
public struct SignalRecord
{
    public TradeSignal Signal;

    /// <summary>Start of the row that produced a DeltaScout PEAK (the log's <c>ts</c>); the bar's end for bar signals.</summary>
    public long RowStartMs;

    public SignalDecision Decision;
    public RiskVerdict Verdict;
    public EntryDecision Entry;
    public OrderSizing Sizing;
}
