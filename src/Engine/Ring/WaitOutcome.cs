namespace Engine.Ring;

/// <summary>How a wait on a <see cref="SequenceBarrier"/> ended.</summary>
public enum WaitOutcome
{
    /// <summary>The available sequence was returned; it may still be below the one asked for (nothing new yet).</summary>
    Available = 0,

    /// <summary>The barrier was alerted: the consumer is asked to halt or drain.</summary>
    Alerted = 1,

    /// <summary>A blocking wait timed out; the caller checks its halt state and waits again.</summary>
    TimedOut = 2,
}
