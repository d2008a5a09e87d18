namespace Engine.Model;

/// <summary>
/// The input-ring slot. Preallocated once; producers fill the part that <see cref="Kind"/> names and publish.
/// Parts other than the named one hold stale data from earlier laps of the ring and must not be read.
/// </summary>
public struct EngineEvent
{
    public EventKind Kind;

    /// <summary>Engine clock timestamp taken when the event entered the process (latency origin).</summary>
    public long ReceivedTimestamp;

    public Trade Trade;

    /// <summary>Event time of a <see cref="EventKind.TimerTick"/>, Unix epoch ms UTC.</summary>
    public long TimerMs;

    public AggregatedRow Row;

    public VenueReport Report;

    public OperatorCommand Command;
}
