using Engine.Ring;

namespace Engine.Tests.Ring;

/// <summary>Throws on two chosen sequences (and optionally in OnStart); records what it processed.</summary>
public struct FaultyHandler : IEventHandler<TestEvent>
{
    public long ThrowAt;
    public long AlsoThrowAt;
    public bool ThrowOnStart;
    public long Processed;
    public long SumOfSequences;
    public int Shutdowns;

    public void OnStart()
    {
        if (ThrowOnStart)
        {
            throw new InvalidOperationException("start failed");
        }
    }

    public void OnBatchStart(long batchSize)
    {
    }

    public void OnEvent(ref TestEvent evt, long sequence, bool endOfBatch)
    {
        if (sequence == ThrowAt || sequence == AlsoThrowAt)
        {
            throw new InvalidOperationException("bad event");
        }

        Processed++;
        SumOfSequences += sequence;
    }

    public void OnShutdown() => Shutdowns++;
}
