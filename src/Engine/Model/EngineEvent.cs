using System.Runtime.InteropServices;

namespace Engine.Model;

/// <summary>
/// The input-ring slot. Preallocated once; producers fill the part that <see cref="Kind"/> names and publish.
/// The parts share one place in the slot (only the one <see cref="Kind"/> names is meaningful), so a slot is as
/// large as its largest part, not the sum of all: a trade slot is two cache lines the feed writes and the engine
/// streams through.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
public struct EngineEvent
{
    private const int Payload = 16;

    [FieldOffset(0)]
    public EventKind Kind;

    /// <summary>Engine clock timestamp taken when the event entered the process (latency origin).</summary>
    [FieldOffset(8)]
    public long ReceivedTimestamp;

    [FieldOffset(Payload)]
    public Trade Trade;

    /// <summary>Event time of a <see cref="EventKind.TimerTick"/>, Unix epoch ms UTC.</summary>
    [FieldOffset(Payload)]
    public long TimerMs;

    [FieldOffset(Payload)]
    public AggregatedRow Row;

    [FieldOffset(Payload)]
    public VenueReport Report;

    [FieldOffset(Payload)]
    public OperatorCommand Command;

    [FieldOffset(Payload)]
    public MarkPrice Mark;

    [FieldOffset(Payload)]
    public AccountUpdate AccountUpdate;

    /// <summary>How long the venue asked for a pause, ms (<see cref="EventKind.VenueThrottled"/>).</summary>
    [FieldOffset(Payload)]
    public long ThrottleMs;

    /// <summary>A run of aggregate ids the live feed could not backfill (<see cref="EventKind.FeedGap"/>).</summary>
    [FieldOffset(Payload)]
    public FeedGap Gap;
}
