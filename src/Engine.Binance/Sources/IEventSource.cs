using Engine.Pipeline;

namespace Engine.Binance.Sources;

/// <summary>
/// A pull-style source of input events (a file, a recording, later a socket). Each <see cref="TryReadNext"/> fills the
/// next event into the caller's slot (a ring slot or a local) and returns true; false means end of input.
/// Bad lines and frames are counted in <see cref="Stats"/> and skipped; they never end the input or throw.
/// Contract: one thread calls it; the slot is written only when the call returns true.
/// </summary>
public interface IEventSource : IInputFeed, IDisposable
{
    SourceStats Stats { get; }
}
