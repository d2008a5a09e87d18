namespace Engine.Ring;

/// <summary>
/// How a consumer waits for a sequence to become available. The barrier only calls a strategy once the
/// sequence is not yet there, so the cost of this interface call is paid while idle, never per event.
/// </summary>
public interface IWaitStrategy
{
    /// <summary>True when producers must call <see cref="SignalAllWhenBlocking"/> on every publish.</summary>
    bool IsBlockingStrategy { get; }

    /// <summary>Waits until the barrier's dependent sequence reaches <paramref name="sequence"/>, the barrier is alerted, or (blocking only) a timeout passes.</summary>
    WaitOutcome WaitFor(long sequence, SequenceBarrier barrier, out long availableSequence);

    /// <summary>Wakes blocked consumers; a no-op for non-blocking strategies.</summary>
    void SignalAllWhenBlocking();
}
