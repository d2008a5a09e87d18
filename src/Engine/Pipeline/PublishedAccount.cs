namespace Engine.Pipeline;

/// <summary>
/// The engine thread's hand-over of <see cref="AccountFigures"/> to cold threads (the status line): a sequence lock.
/// One writer (the engine thread) makes the version odd, copies the figures in and makes it even again; a reader
/// copies the figures out between two reads of the same even version, and retries otherwise, so it never sees a mix
/// of two publications. No allocation, no lock; the writer never waits. Cold threads read this, never the engine's
/// live state.
/// </summary>
public sealed class PublishedAccount
{
    private long _version;
    private AccountFigures _figures;

    /// <summary>Publications so far (the version halved).</summary>
    public long Publications => Volatile.Read(ref _version) >> 1;

    /// <summary>Engine thread only: publishes a copy of <paramref name="figures"/>.</summary>
    public void Publish(in AccountFigures figures)
    {
        long v = _version;
        Interlocked.Exchange(ref _version, v + 1); // odd: a write is in progress (a full fence: the copy stays after it)
        _figures = figures;
        Volatile.Write(ref _version, v + 2); // even again; release: the copy is visible before the new version
    }

    /// <summary>Any thread: the latest figures published, whole.</summary>
    public AccountFigures Read()
    {
        var spin = new SpinWait();
        while (true)
        {
            long before = Volatile.Read(ref _version);
            if ((before & 1) == 0)
            {
                AccountFigures copy = _figures;
                Interlocked.MemoryBarrier(); // the copy is read before the version is read again
                if (Volatile.Read(ref _version) == before)
                {
                    return copy;
                }
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }
    }
}
