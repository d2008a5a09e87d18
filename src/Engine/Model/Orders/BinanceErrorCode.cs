namespace Engine.Model;

/// <summary>The Binance USD-M error codes the engine and the paper venue produce or act on.</summary>
public enum BinanceErrorCode
{
    None = 0,
    Timeout = -1007,

    /// <summary>The gateway or venue is too busy to take the request now (transient: it was not processed).</summary>
    ServerBusy = -1008,
    FilterFailureLotSize = -1013,
    BadPrecision = -1111,
    NewOrderRejected = -2010,

    /// <summary>A stop or take-profit whose trigger price the market has already passed.</summary>
    OrderWouldImmediatelyTrigger = -2021,
    CancelRejected = -2011,
    NoSuchOrder = -2013,
    /// <summary>MARGIN_NOT_SUFFICIENT: the order's initial margin at the configured leverage exceeds the balance.</summary>
    MarginInsufficient = -2019,
    ReduceOnlyRejected = -2022,
    MaxOpenOrdersExceeded = -2025,
    QuantityNotPositive = -4003,

    /// <summary>Quantity above LOT_SIZE maxQty (MARKET_LOT_SIZE maxQty for market orders).</summary>
    QuantityGreaterThanMax = -4005,
    PriceNotIncreasedByTickSize = -4014,

    /// <summary>Limit price above mark × PERCENT_PRICE multiplierUp.</summary>
    PriceAbovePercentPrice = -4016,

    /// <summary>Limit price below mark × PERCENT_PRICE multiplierDown.</summary>
    PriceBelowPercentPrice = -4024,
    QuantityNotIncreasedByStepSize = -4023,
    MinNotional = -4164,
    PostOnlyWouldTake = -5022,
}
