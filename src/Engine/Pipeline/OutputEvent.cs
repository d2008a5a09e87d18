using Engine.Model;
using Engine.Oms;
using Engine.Risk;
using Engine.Signals;

namespace Engine.Pipeline;

/// <summary>
/// The output-ring slot: what the engine thread tells the journal and the gateway. Preallocated; the part that
/// <see cref="Kind"/> names is valid, the others hold stale data from earlier laps.
/// </summary>
public struct OutputEvent
{
    public OutputKind Kind;

    /// <summary>
    /// The kind of the input that caused this output (a <see cref="EventKind.Trade"/> for an order a market frame
    /// triggered: the gateway's tick-to-order). One byte in the padding before <see cref="InputTimestamp"/>: the slot
    /// does not grow (OutputEventLayoutTests).
    /// </summary>
    public EventKind InputKind;

    /// <summary>Engine clock timestamp at which the input that caused this output entered the process.</summary>
    public long InputTimestamp;

    /// <summary>Event time of the cause, Unix epoch ms UTC.</summary>
    public long TimeMs;

    public AggregatedRow Row;

    /// <summary>True when <see cref="Evaluation"/> holds DeltaScout's evaluation of <see cref="Row"/>.</summary>
    public bool HasEvaluation;

    public DeltaScoutEvaluation Evaluation;

    public VolumeBar Bar;
    public IndicatorValues Indicators;
    public SignalRecord Signal;
    public OrderRequest Order;

    /// <summary>
    /// The part the order plays in its position's plan (entry, stop, take-profit, flatten): of the requested order for
    /// <see cref="OutputKind.OrderRequested"/> (a submit), of the reported order for <see cref="OutputKind.VenueReported"/>.
    /// </summary>
    public OrderRole OrderRole;
    public VenueReport Report;

    /// <summary>What the OMS did with <see cref="Report"/>: only an applied fill (Applied, Overfill) moved a position.</summary>
    public ReportOutcome ReportOutcome;

    /// <summary>The reported order's status after <see cref="Report"/>, as the OMS holds it (a report it refused left it unchanged).</summary>
    public OrderStatus OrderStatus;

    /// <summary>The PnL the OMS booked for the fill in <see cref="Report"/> (zero for an opening fill or no fill).</summary>
    public Money RealizedPnl;
    public ClosedPosition Position;

    /// <summary>For <see cref="OutputKind.FeedGap"/>: the ids that never reached the engine and the trade times around them.</summary>
    public FeedGap Gap;
    public TradingState BreakerState;
}
