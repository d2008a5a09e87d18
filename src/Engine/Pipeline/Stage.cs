namespace Engine.Pipeline;

/// <summary>
/// The measured latency series, in the order an event travels: the engine thread's steps (<see cref="Venue"/> to
/// <see cref="Oms"/>) and the spans named by where they start and end. Reports keep the series names of
/// <see cref="StageLatency.NameOf"/> (<c>queue</c>, <c>end-to-end</c>, ...), which users and files read.
/// </summary>
public enum Stage
{
    /// <summary>
    /// Waiting in the input ring: from the event received (entering the process) to the engine thread picking it up.
    /// Reported as <c>queue</c>.
    /// </summary>
    ReceivedToEngine = 0,

    /// <summary>The paper venue matching resting orders, and the OMS applying its reports and marks.</summary>
    Venue = 1,

    Aggregation = 2,
    VolumeBars = 3,
    Indicators = 4,
    Signal = 5,
    Risk = 6,
    Oms = 7,

    /// <summary>From the event received (entering the process) to the last stage done. Reported as <c>end-to-end</c>.</summary>
    ReceivedToDone = 8,

    /// <summary>
    /// From the signal emitted (the detector's peak or the bar signal) to the entry order request published, on the
    /// engine thread: the risk gate, sizing and the OMS. Recorded for every signal that sends an order.
    /// </summary>
    SignalToOrder = 9,
}
