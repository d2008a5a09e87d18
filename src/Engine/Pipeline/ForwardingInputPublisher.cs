using Engine.Model;

namespace Engine.Pipeline;

/// <summary>
/// An input publisher that hands every call on to <see cref="Target"/>: for a producer that must exist before the
/// pipeline whose input it publishes into (the order gateway is the pipeline's output consumer, so it is built first).
/// </summary>
public sealed class ForwardingInputPublisher : IInputPublisher
{
    private IInputPublisher? _target;

    /// <summary>The pipeline's input; set once, before the first call.</summary>
    public IInputPublisher? Target
    {
        get => Volatile.Read(ref _target);
        set => Volatile.Write(ref _target, value);
    }

    public ref EngineEvent this[long sequence] => ref Target![sequence];

    public long Claim() => (Target ?? throw new InputClosedException("the engine's input is not attached yet")).Claim();

    public void Publish(long sequence) => Target!.Publish(sequence);
}
