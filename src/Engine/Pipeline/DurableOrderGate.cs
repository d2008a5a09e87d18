using Engine.Ring;

namespace Engine.Pipeline;

/// <summary>
/// The output consumer's gate when order requests must not outrun the event journal (<c>EventJournal:DurableBeforeOrders</c>):
/// before it hands an <see cref="OutputKind.OrderRequested"/> on, it waits until every input published so far is on
/// disk. The input that caused the request was published before the engine read it, so waiting for the input ring's
/// cursor covers it (and perhaps a few inputs after it: one group commit either way). After a crash the journal then
/// explains every order the venue holds. A wait that fails (the journal failed or is slower than
/// <paramref name="timeout"/>) is counted and the request goes on: the engine halts on a journal failure, and the
/// start-up reconciliation adopts or cancels what the journal cannot explain. Other outputs pass straight through.
/// </summary>
public sealed class DurableOrderGate(IEventHandler<OutputEvent> inner, IDurableInput journal, Func<long> inputCursor, TimeSpan timeout) : IEventHandler<OutputEvent>
{
    private long _waits;
    private long _failures;

    /// <summary>Order requests that waited for the journal.</summary>
    public long Waits => Volatile.Read(ref _waits);

    /// <summary>Waits that ended without the inputs durable (journal failed or too slow); the request was sent anyway.</summary>
    public long Failures => Volatile.Read(ref _failures);

    public void OnStart() => inner.OnStart();

    public void OnBatchStart(long batchSize) => inner.OnBatchStart(batchSize);

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        if (evt.Kind == OutputKind.OrderRequested)
        {
            Volatile.Write(ref _waits, _waits + 1);
            if (!journal.WaitForDurable(inputCursor(), timeout))
            {
                Volatile.Write(ref _failures, _failures + 1);
            }
        }

        inner.OnEvent(ref evt, sequence, endOfBatch);
    }

    public void OnShutdown() => inner.OnShutdown();
}
