namespace Engine.Binance.Live.UserData;

/// <summary>Who caused an order the user stream reports, told by its client id (binance-usdm §11.3's special ids).</summary>
public enum OrderOrigin : byte
{
    /// <summary>The client id has the engine's prefix: one of ours.</summary>
    Engine = 0,

    /// <summary>Any other client id: placed by hand, or by another program on the same account.</summary>
    Manual = 1,

    /// <summary><c>autoclose-…</c>, or execution type CALCULATED: a liquidation.</summary>
    Liquidation = 2,

    /// <summary><c>adl_autoclose</c> or status NEW_ADL: an auto-deleverage.</summary>
    Adl = 3,

    /// <summary><c>settlement_autoclose-…</c>: a delivery or delisting settlement.</summary>
    Settlement = 4,
}
