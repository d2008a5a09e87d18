namespace Engine.Market;

/// <summary>What a market stage did with one trade. Everything but <see cref="Accepted"/> is also counted.</summary>
public enum TradeOutcome : byte
{
    /// <summary>The trade was added to the open interval or bar.</summary>
    Accepted = 0,

    /// <summary>Not a <c>MARKET</c> trade (insurance fund, ADL): kept out, as Binance's aggTrade stream does.</summary>
    IgnoredNotMarket = 1,

    /// <summary>Its trade time falls in an interval that is already closed; it was not merged into anything.</summary>
    Late = 2,

    /// <summary>Price or quantity not positive, or a negative trade time.</summary>
    Invalid = 3,
}
