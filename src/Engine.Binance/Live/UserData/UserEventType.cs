namespace Engine.Binance.Live.UserData;

/// <summary>The <c>e</c> of a user-data frame, as far as the stream acts on it.</summary>
public enum UserEventType : byte
{
    /// <summary>Valid JSON with an event type the stream does not know (counted, skipped).</summary>
    Unknown = 0,
    OrderTradeUpdate = 1,
    TradeLite = 2,
    AlgoUpdate = 3,
    AccountUpdate = 4,
    ListenKeyExpired = 5,
    MarginCall = 6,
    AccountConfigUpdate = 7,

    /// <summary>Not JSON, or a known event without the fields it must have (counted, skipped).</summary>
    Malformed = 8,
}
