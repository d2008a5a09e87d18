using Engine.Model;

namespace Engine.Pipeline;

/// <summary>
/// The live input ring as producers see it (the feed, the gateway, the timer). Thread-safe; every claimed sequence
/// MUST be published, filled or not.
/// </summary>
public interface IInputPublisher
{
    /// <summary>The next slot, waiting (spin/yield) while the ring is full (counted).</summary>
    long Claim();

    /// <summary>The claimed slot: fill Kind, ReceivedTimestamp (EngineClock.Timestamp()) and the part Kind names.</summary>
    ref EngineEvent this[long sequence] { get; }

    /// <summary>Makes the slot visible to the engine. A claimed slot that cannot be filled is published with Kind = None.</summary>
    void Publish(long sequence);
}
