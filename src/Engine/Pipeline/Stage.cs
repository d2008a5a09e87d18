namespace Engine.Pipeline;

/// <summary>The measured steps of the engine thread, in the order an event travels.</summary>
public enum Stage
{
    /// <summary>Waiting in the input ring: from entering the process to the engine thread picking it up.</summary>
    Queue = 0,

    /// <summary>The paper venue matching resting orders, and the OMS applying its reports and marks.</summary>
    Venue = 1,

    Aggregation = 2,
    VolumeBars = 3,
    Indicators = 4,
    Signal = 5,
    Risk = 6,
    Oms = 7,

    /// <summary>From entering the process to the last stage finishing.</summary>
    EndToEnd = 8,

    /// <summary>
    /// From the signal emitted (the detector's peak or the bar signal) to the entry order request published, on the
    /// engine thread: the risk gate, sizing and the OMS. Recorded for every signal that sends an order.
    /// </summary>
    SignalToOrder = 9,
}
