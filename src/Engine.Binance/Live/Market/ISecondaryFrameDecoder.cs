using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// Decodes frames the trade parser does not take (e.g. <c>markPriceUpdate</c> into <c>EventKind.MarkPrice</c>)
/// straight into the claimed ring slot. Called on the feed's receive path under its lock; must not allocate or block.
/// </summary>
public interface ISecondaryFrameDecoder
{
    /// <summary>True when the slot was filled (Kind and its part); the feed stamps ReceivedTimestamp and publishes it.</summary>
    bool TryDecode(ReadOnlySpan<byte> utf8, ref EngineEvent slot);
}
