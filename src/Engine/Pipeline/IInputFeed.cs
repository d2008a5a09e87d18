using Engine.Model;

namespace Engine.Pipeline;

/// <summary>
/// Where the feed thread pulls input from: fills the next event into a ring slot, false at end of input.
/// One thread calls it. Engine.Binance's readers implement it.
/// </summary>
public interface IInputFeed
{
    bool TryReadNext(ref EngineEvent slot);
}
