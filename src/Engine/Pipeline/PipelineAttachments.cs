using Engine.Model;
using Engine.Ring;

namespace Engine.Pipeline;

/// <summary>
/// Consumers a live run attaches to the rings, each on a thread of its own: the order gateway reads the output ring
/// beside the journal, the event journal reads the input ring beside (in parallel with) the engine. Producers gate on
/// them, so a slow attachment eventually slows its ring's producer; neither may write to the slots it reads.
/// </summary>
public sealed class PipelineAttachments
{
    /// <summary>Sees every output, in order (the gateway: <see cref="OutputKind.OrderRequested"/> and the rest).</summary>
    public IEventHandler<OutputEvent>? OutputConsumer { get; init; }

    /// <summary>Sees every input event, in the input ring's order, while the engine works on the same slots.</summary>
    public IEventHandler<EngineEvent>? InputConsumer { get; init; }

    /// <summary>CPU for the output consumer's thread; -1 leaves it unpinned.</summary>
    public int OutputConsumerCpu { get; init; } = -1;

    /// <summary>CPU for the input consumer's thread; -1 leaves it unpinned.</summary>
    public int InputConsumerCpu { get; init; } = -1;
}

/// <summary>Runs a class consumer on a processor specialised for structs: one interface call per event (cold paths only).</summary>
internal readonly struct AttachedHandler<T>(IEventHandler<T> inner) : IEventHandler<T>
    where T : struct
{
    public void OnStart() => inner.OnStart();

    public void OnBatchStart(long batchSize) => inner.OnBatchStart(batchSize);

    public void OnEvent(ref T evt, long sequence, bool endOfBatch) => inner.OnEvent(ref evt, sequence, endOfBatch);

    public void OnShutdown() => inner.OnShutdown();
}
