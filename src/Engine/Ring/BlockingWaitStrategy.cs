namespace Engine.Ring;

/// <summary>
/// Parks the consumer on a monitor until a producer signals, waking at least every <c>timeout</c> so that a
/// halt is noticed even if a signal is missed. The least CPU, the most latency; every publish pays a fenced flag check.
/// </summary>
public sealed class BlockingWaitStrategy : IWaitStrategy
{
    private readonly object _gate = new();
    private readonly int _timeoutMillis;

    // 1 while a consumer may be parked: publishers take the lock and pulse only then.
    private int _signalNeeded;

    public BlockingWaitStrategy(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromMilliseconds(1));
        _timeoutMillis = (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds);
    }

    public BlockingWaitStrategy()
        : this(TimeSpan.FromMilliseconds(100))
    {
    }

    public bool IsBlockingStrategy => true;

    public WaitOutcome WaitFor(long sequence, SequenceBarrier barrier, out long availableSequence)
    {
        Sequence cursor = barrier.Cursor;
        if (cursor.Value < sequence)
        {
            lock (_gate)
            {
                while (cursor.Value < sequence)
                {
                    // Full fence: the alert and cursor re-reads below cannot move before this store, and the
                    // publisher (or alerter) fences between its own store and its flag read (Dekker), so at least
                    // one of us sees the other: no lost wake-up, and the timeout covers anything else.
                    Interlocked.Exchange(ref _signalNeeded, 1);
                    if (barrier.IsAlerted)
                    {
                        availableSequence = barrier.DependentSequence();
                        return WaitOutcome.Alerted;
                    }

                    if (cursor.Value >= sequence)
                    {
                        break;
                    }

                    if (!Monitor.Wait(_gate, _timeoutMillis))
                    {
                        availableSequence = barrier.DependentSequence();
                        return WaitOutcome.TimedOut;
                    }
                }
            }
        }

        // The cursor is there; upstream consumers (if any) are busy, so their progress is near: spin politely.
        long available;
        while ((available = barrier.DependentSequence()) < sequence)
        {
            if (barrier.IsAlerted)
            {
                availableSequence = available;
                return WaitOutcome.Alerted;
            }

            Thread.Yield();
        }

        availableSequence = available;
        return WaitOutcome.Available;
    }

    public void SignalAllWhenBlocking()
    {
        // Full fence (Exchange) between the caller's cursor store and this flag read; see WaitFor.
        if (Interlocked.Exchange(ref _signalNeeded, 0) != 0)
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }
}
