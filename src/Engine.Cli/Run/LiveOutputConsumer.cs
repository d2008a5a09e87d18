using Engine.Model;
using Engine.Pipeline;
using Engine.Ring;

namespace Engine.Cli.Run;

/// <summary>
/// The live run's output consumer: hands every output to the gateway chain and counts the order requests it has
/// carried out (returned from), so an orderly stop can wait until every request the engine made has reached the venue.
/// </summary>
internal sealed class LiveOutputConsumer(IEventHandler<OutputEvent> inner) : IEventHandler<OutputEvent>
{
    private long _completed;

    /// <summary>
    /// Order requests carried out so far, counted as the engine's <c>EngineCounters.OrderRequests</c> counts them (from
    /// <see cref="StartAt"/>); any thread.
    /// </summary>
    public long Completed => Volatile.Read(ref _completed);

    /// <summary>Before the pipeline runs: the engine's request count so far (a resumed engine's from the sessions before).</summary>
    public void StartAt(long requests) => Volatile.Write(ref _completed, requests);

    public void OnStart() => inner.OnStart();

    public void OnBatchStart(long batchSize) => inner.OnBatchStart(batchSize);

    public void OnEvent(ref OutputEvent evt, long sequence, bool endOfBatch)
    {
        inner.OnEvent(ref evt, sequence, endOfBatch);
        if (evt.Kind == OutputKind.OrderRequested)
        {
            Volatile.Write(ref _completed, _completed + 1);
        }
    }

    public void OnShutdown() => inner.OnShutdown();
}
