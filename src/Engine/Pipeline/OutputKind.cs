namespace Engine.Pipeline;

/// <summary>What an output-ring slot carries.</summary>
public enum OutputKind : byte
{
    None = 0,

    /// <summary>A closed time interval (<see cref="OutputEvent.Row"/>), with the signal's evaluation of it.</summary>
    RowClosed = 1,

    /// <summary>A closed volume bar with the indicators computed on it.</summary>
    BarClosed = 2,

    /// <summary>A signal that wanted a position, and what the risk gate and OMS did with it.</summary>
    SignalEvaluated = 3,

    /// <summary>An order request the OMS sent (to the paper venue or the gateway).</summary>
    OrderRequested = 4,

    /// <summary>A venue report the OMS applied (fills, rejects, cancels).</summary>
    VenueReported = 5,

    /// <summary>A position went back to flat.</summary>
    PositionClosed = 6,

    /// <summary>The circuit breaker changed state.</summary>
    BreakerChanged = 7,

    /// <summary>The input ended and the engine drained: the last event of a run.</summary>
    EndOfStream = 8,

    /// <summary>
    /// At the end of the input, the interval that was still open (<see cref="OutputEvent.Row"/>, partial: its time
    /// had not elapsed). Never a row of aggregated.csv and never seen by the signal; reports name it.
    /// </summary>
    IntervalLeftOpen = 9,

    /// <summary>A run of aggregate ids the live feed could not backfill (<see cref="OutputEvent.Gap"/>): the rows spanning it are incomplete.</summary>
    FeedGap = 10,
}
