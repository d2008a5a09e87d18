namespace Engine.Ring;

/// <summary>
/// Spins, then yields, then sleeps between checks: little CPU when idle, at the cost of up to a scheduler tick
/// of latency after a quiet spell. Suits the journal and report consumers, not the engine thread.
/// </summary>
public sealed class SleepingWaitStrategy : IWaitStrategy
{
    private const int SpinTries = 100;
    private const int YieldTries = 100;

    public bool IsBlockingStrategy => false;

    public WaitOutcome WaitFor(long sequence, SequenceBarrier barrier, out long availableSequence)
    {
        int counter = SpinTries + YieldTries;
        long available;
        while ((available = barrier.DependentSequence()) < sequence)
        {
            if (barrier.IsAlerted)
            {
                availableSequence = available;
                return WaitOutcome.Alerted;
            }

            if (counter > YieldTries)
            {
                counter--;
            }
            else if (counter > 0)
            {
                counter--;
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        availableSequence = available;
        return WaitOutcome.Available;
    }

    public void SignalAllWhenBlocking()
    {
    }
}
