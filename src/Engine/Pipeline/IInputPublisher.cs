using Engine.Model;

namespace Engine.Pipeline;

/// <summary>
/// Publishes events into the engine's input ring from any thread: the live producers (market-data connections, the
/// order gateway and user stream, the market-clock timer) share the ring through a multi-producer sequencer.
/// Claim a slot, fill <see cref="EngineEvent.Kind"/>, <see cref="EngineEvent.ReceivedTimestamp"/> and the part the
/// kind names, then publish it: every claimed sequence must be published, or the engine waits for it forever (a slot
/// that cannot be filled is published with <see cref="EventKind.None"/>, which the engine counts and skips).
/// </summary>
public interface IInputPublisher
{
    /// <summary>
    /// Claims the next slot, waiting while the ring is full (each wait counted in the ring-full figure). Throws
    /// <see cref="InputClosedException"/> once the pipeline has ended its input: stop producing then.
    /// </summary>
    long Claim();

    /// <summary>The slot of a claimed sequence.</summary>
    ref EngineEvent this[long sequence] { get; }

    /// <summary>Makes a claimed, written slot visible to the engine.</summary>
    void Publish(long sequence);
}

/// <summary>The live input has ended (the run is stopping): nothing more is accepted.</summary>
public sealed class InputClosedException : InvalidOperationException
{
    public InputClosedException()
        : base("the engine's input is closed: the run is stopping")
    {
    }

    public InputClosedException(string message)
        : base(message)
    {
    }

    public InputClosedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
