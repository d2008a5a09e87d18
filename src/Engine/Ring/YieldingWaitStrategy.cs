namespace Engine.Ring;

/// <summary>
/// Spins briefly, then yields the CPU between checks: low latency without starving other threads on shared cores.
/// </summary>
public sealed class YieldingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;

    public bool IsBlockingStrategy => false;

    public WaitOutcome WaitFor(long sequence, SequenceBarrier barrier, out long availableSequence)
    {
        int counter = SpinTries;
        long available;
        while ((available = barrier.DependentSequence()) < sequence)
        {
            if (barrier.IsAlerted)
            {
                availableSequence = available;
                return WaitOutcome.Alerted;
            }

            if (counter > 0)
            {
                counter--;
            }
            else
            {
                Thread.Yield();
            }
        }

        availableSequence = available;
        return WaitOutcome.Available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
