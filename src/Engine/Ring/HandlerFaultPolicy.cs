namespace Engine.Ring;

/// <summary>What a <see cref="BatchEventProcessor{T, THandler}"/> does after its handler throws (always after reporting it).</summary>
public enum HandlerFaultPolicy
{
    /// <summary>Stop the processor; the faulting event stays unprocessed, so producers gated on it stop too.</summary>
    HaltProcessor = 0,

    /// <summary>Count the faulting event as processed and carry on with the next one.</summary>
    SkipEvent = 1,
}
