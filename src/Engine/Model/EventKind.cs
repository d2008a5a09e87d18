namespace Engine.Model;

/// <summary>What an input-ring slot carries.</summary>
public enum EventKind : byte
{
    None = 0,

    /// <summary>A trade or aggregate trade: <see cref="EngineEvent.Trade"/>.</summary>
    Trade = 1,

    /// <summary>A closed time interval read from an existing aggregated.csv: <see cref="EngineEvent.Row"/>.</summary>
    AggregatedRow = 2,

    /// <summary>An order update, fill or reject from a venue.</summary>
    VenueReport = 3,

    /// <summary>A clock tick in event time (closes idle intervals, time exits).</summary>
    TimerTick = 4,

    /// <summary>Halt, resume, flatten from an operator.</summary>
    OperatorCommand = 5,

    /// <summary>End of input: the engine closes open intervals and drains.</summary>
    EndOfStream = 6,

    /// <summary>A mark price update: <see cref="EngineEvent.Mark"/>. It moves no clock; it is the risk reference price.</summary>
    MarkPrice = 7,

    /// <summary>The live feed could not backfill a run of aggregate ids: <see cref="EngineEvent.Gap"/>.</summary>
    FeedGap = 8,

    /// <summary>A balance, position or foreign fill from the venue's account stream: <see cref="EngineEvent.AccountUpdate"/>.</summary>
    AccountUpdate = 9,

    /// <summary>
    /// The venue told the gateway to pause (a 429's <c>Retry-After</c>): <see cref="EngineEvent.ThrottleMs"/>. The risk
    /// gate admits no entry until that long after the engine's current event time.
    /// </summary>
    VenueThrottled = 10,
}
