namespace Engine.Market;

/// <summary>What a <see cref="VolumeBarBuilder"/> threshold measures.</summary>
public enum VolumeBarMode : byte
{
    /// <summary>Base-asset quantity (e.g. 10 BTC per bar): every bar holds exactly the threshold.</summary>
    Base = 0,

    /// <summary>Quote-asset notional, price × quantity ("dollar bars"): see <see cref="VolumeBarBuilder"/> for exactness.</summary>
    Quote = 1,
}
