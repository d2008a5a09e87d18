using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>
/// Checks, per event, that the slot was written for this lap (its stamped sequence is the one delivered) and that
/// each producer's values arrive in order without gaps; counts events and end-of-batch flags.
/// </summary>
public struct OrderCheckingHandler : IEventHandler<TestEvent>
{
    public long[] NextValueByProducer;
    public long Count;
    public long Errors;
    public long FirstErrorSequence;
    public long LastSequence;
    public long EndOfBatchCount;
    public long BatchEventsAnnounced;
    public int Starts;
    public int Shutdowns;

    public OrderCheckingHandler(int producers)
    {
        NextValueByProducer = new long[producers];
        FirstErrorSequence = -1;
        LastSequence = -1;
    }

    public void OnStart() => Starts++;

    public void OnBatchStart(long batchSize) => BatchEventsAnnounced += batchSize;

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        bool ok = evt.Sequence == sequence
            && sequence == LastSequence + 1
            && evt.Value == NextValueByProducer[evt.Producer];
        if (!ok)
        {
            Errors++;
            if (FirstErrorSequence < 0)
            {
                FirstErrorSequence = sequence;
            }
        }

        NextValueByProducer[evt.Producer] = evt.Value + 1;
        LastSequence = sequence;
        Count++;
        if (endOfBatch)
        {
            EndOfBatchCount++;
        }
    }

    public void OnShutdown() => Shutdowns++;
}
