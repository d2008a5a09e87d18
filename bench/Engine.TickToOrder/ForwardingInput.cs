using Engine.Model;
using Engine.Pipeline;

namespace Engine.TickToOrder;

/// <summary>The gateway is built before the pipeline whose input it publishes into: this hands its calls on once that exists.</summary>
internal sealed class ForwardingInput : IInputPublisher
{
    public IInputPublisher? Target { get; set; }

    public ref EngineEvent this[long sequence] => ref Target![sequence];

    public long Claim() => Target!.Claim();

    public void Publish(long sequence) => Target!.Publish(sequence);
}
