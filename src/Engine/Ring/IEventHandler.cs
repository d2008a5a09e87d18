namespace Engine.Ring;

/// <summary>
/// Consumes ring slots on a <see cref="BatchEventProcessor{T, THandler}"/> thread. Implement it on a struct so the
/// processor's generic loop is specialised and every call is inlined. Implement every member: a default interface
/// method called on a struct would box it.
/// </summary>
public interface IEventHandler<T>
    where T : struct
{
    /// <summary>Called once on the processor thread before the first event.</summary>
    void OnStart();

    /// <summary>Called before each batch with the number of events it holds; a throw here is reported against the batch's first sequence.</summary>
    void OnBatchStart(long batchSize);

    /// <summary>One published slot, by reference (no copy). <paramref name="endOfBatch"/> is true for the last slot currently available: flush there.</summary>
    void OnEvent(ref T evt, long sequence, bool endOfBatch);

    /// <summary>Called once on the processor thread after the last event, however the processor stopped.</summary>
    void OnShutdown();
}
