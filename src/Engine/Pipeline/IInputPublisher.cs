using Engine.Model;

namespace Engine.Pipeline;

/// <summary>
/// The live input ring as producers on other threads see it (LIVE.md contract). Thread-safe; every claimed sequence
/// MUST be published: fill <see cref="EngineEvent.Kind"/>, <see cref="EngineEvent.ReceivedTimestamp"/> and the part the
/// kind names, or set the kind to <see cref="EventKind.None"/> when the slot cannot be filled.
/// </summary>
public interface IInputPublisher
{
    /// <summary>The next slot, waiting (spin/yield) while the ring is full.</summary>
    long Claim();

    ref EngineEvent this[long sequence] { get; }

    void Publish(long sequence);
}
