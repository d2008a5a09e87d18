namespace Engine.Ring;

/// <summary>
/// Spins on the dependent sequence without yielding: the lowest latency, one whole core per consumer.
/// Use only when the consumer thread owns a pinned CPU; on shared cores it starves the producer.
/// </summary>
public sealed class BusySpinWaitStrategy : IWaitStrategy
{
    public bool IsBlockingStrategy => false;

    public WaitOutcome WaitFor(long sequence, SequenceBarrier barrier, out long availableSequence)
    {
        long available;
        while ((available = barrier.DependentSequence()) < sequence)
        {
            if (barrier.IsAlerted)
            {
                availableSequence = available;
                return WaitOutcome.Alerted;
            }
        }

        availableSequence = available;
        return WaitOutcome.Available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
