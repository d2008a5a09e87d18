using Engine.Model;
using Engine.Oms;
using Engine.Pipeline;

namespace Engine.Cli.Journal;

/// <summary>
/// What a run's journal saw, for summary.json and report.md: counts per output kind, signals by decision, and the
/// money of the closed positions in exact decimals. Written by the journal thread; read it after the run ended.
/// </summary>
public sealed class JournalTotals
{
    private readonly long[] _signalsByDecision = new long[3];
    private long _realizedE8;
    private long _feesE8;
    private long _fillFeesE8;
    private readonly List<string> _leftOpen = [];
    private readonly List<string> _feedGaps = [];
    private readonly long[] _stopRules = new long[4];

    /// <summary>Closed time intervals (rows of aggregated.csv).</summary>
    public long Rows { get; private set; }

    /// <summary>DeltaScout PEAKs (lines of deltascout.log).</summary>
    public long Peaks { get; private set; }

    public long Bars { get; private set; }

    /// <summary>
    /// Intervals still open when the input ended (one per symbol at most): partial, so not rows of aggregated.csv and
    /// not seen by DeltaScout. Each described as "SYMBOL start: N trades, TotalQty Q".
    /// </summary>
    public long IntervalsLeftOpen => _leftOpen.Count;

    public IReadOnlyList<string> IntervalsLeftOpenDescribed => _leftOpen;

    /// <summary>
    /// Runs of aggTrade ids the live feed could not backfill (FeedGap events), each described as "SYMBOL aggTrade ids
    /// A to B (N missing), trades between T1 and T2: intervals S1 to S2 incomplete".
    /// </summary>
    public IReadOnlyList<string> FeedGapsDescribed => _feedGaps;

    /// <summary>Signals evaluated by the risk gate and the OMS, whatever their decision.</summary>
    public long Signals { get; private set; }

    public long SignalsSubmitted => _signalsByDecision[(int)SignalDecision.Submitted];
    public long SignalsRiskRejected => _signalsByDecision[(int)SignalDecision.RiskRejected];
    public long SignalsOmsBlocked => _signalsByDecision[(int)SignalDecision.OmsBlocked];

    /// <summary>Admitted signals whose stop distance came from this rule (contracts §4: ATR, swing, or the fixed-percent fallback).</summary>
    public long AdmittedWithStopRule(Risk.StopRule rule) => _stopRules[(int)rule];

    /// <summary>New orders sent (cancels not included).</summary>
    public long Orders { get; private set; }

    public long Cancels { get; private set; }

    /// <summary>Status queries the OMS sent about orders whose outcome was open.</summary>
    public long Queries { get; private set; }

    /// <summary>Venue reports of any kind (fills included).</summary>
    public long Reports { get; private set; }

    public long Fills { get; private set; }

    public long Positions { get; private set; }

    /// <summary>Closed positions whose realised PnL less fees is above zero.</summary>
    public long Wins { get; private set; }

    public long BreakerChanges { get; private set; }

    public bool EndOfStream { get; private set; }

    /// <summary>Realised PnL of the closed positions (before fees).</summary>
    public decimal RealizedPnl => new Money(_realizedE8).ToDecimal();

    /// <summary>Fees of the closed positions.</summary>
    public decimal Fees => new Money(_feesE8).ToDecimal();

    public decimal NetPnl => new Money(_realizedE8 - _feesE8).ToDecimal();

    /// <summary>Fees of every fill, including those of a position still open at the end.</summary>
    public decimal FillFees => new Money(_fillFeesE8).ToDecimal();

    /// <summary>Events the journal could not write (see <see cref="FirstError"/>); the run went on without them.</summary>
    public long Errors { get; private set; }

    public string? FirstError { get; private set; }

    public long SignalsWith(SignalDecision decision) => _signalsByDecision[(int)decision];

    internal void CountRow() => Rows++;

    internal void CountPeak() => Peaks++;

    internal void CountBar() => Bars++;

    internal void CountSignal(SignalDecision decision)
    {
        Signals++;
        if ((uint)decision < (uint)_signalsByDecision.Length)
        {
            _signalsByDecision[(int)decision]++;
        }
    }

    internal void CountOrder(OrderCommand command)
    {
        if (command == OrderCommand.Cancel)
        {
            Cancels++;
        }
        else if (command == OrderCommand.Query)
        {
            Queries++;
        }
        else
        {
            Orders++;
        }
    }

    /// <summary>Fill reports the OMS did not apply (duplicates, unknown orders): not in fills, fees or PnL.</summary>
    public long IgnoredFills { get; private set; }

    internal void CountIgnoredFill() => IgnoredFills++;

    internal void CountReport(in VenueReport report)
    {
        Reports++;
        if (report.IsFill)
        {
            Fills++;
            _fillFeesE8 += report.Fee.E8;
        }
    }

    internal void CountPosition(in ClosedPosition position)
    {
        Positions++;
        _realizedE8 += position.RealizedPnl.E8;
        _feesE8 += position.Fees.E8;
        if (position.NetPnl.E8 > 0)
        {
            Wins++;
        }
    }

    internal void CountBreakerChange() => BreakerChanges++;

    internal void CountEndOfStream() => EndOfStream = true;

    internal void CountStopRule(Risk.StopRule rule)
    {
        if ((uint)rule < (uint)_stopRules.Length)
        {
            _stopRules[(int)rule]++;
        }
    }

    internal void CountIntervalLeftOpen(string description) => _leftOpen.Add(description);

    internal void CountFeedGap(string description) => _feedGaps.Add(description);

    internal void CountError(string message)
    {
        Errors++;
        FirstError ??= message;
    }
}
