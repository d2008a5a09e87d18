namespace Engine.Ring;

/// <summary>Why <see cref="BatchEventProcessor{T, THandler}.Run"/> returned.</summary>
public enum ProcessorExit
{
    /// <summary><see cref="BatchEventProcessor{T, THandler}.Halt"/>: stopped at once; published events may be left.</summary>
    Halted = 0,

    /// <summary><see cref="BatchEventProcessor{T, THandler}.HaltWhenDrained"/>: stopped after every event published before the request.</summary>
    Drained = 1,

    /// <summary>The handler threw under <see cref="HandlerFaultPolicy.HaltProcessor"/>; see <see cref="BatchEventProcessor{T, THandler}.LastFault"/>.</summary>
    Faulted = 2,
}
