namespace Engine.Model;

/// <summary>The Binance USD-M error codes the engine and the paper venue produce or act on.</summary>
public enum BinanceErrorCode
{
    None = 0,

    /// <summary>An unknown error while processing the request: its outcome is open.</summary>
    Unknown = -1000,

    /// <summary>Internal error; unable to process the request: its outcome is open.</summary>
    Disconnected = -1001,

    /// <summary>Too many requests (rate limiter): not placed.</summary>
    TooManyRequests = -1003,

    /// <summary>Timeout waiting for the backend: the outcome is open.</summary>
    Timeout = -1007,

    /// <summary>Server busy: treated as an open outcome, never as a refusal.</summary>
    ServerBusy = -1008,

    /// <summary>Too many new orders (order-rate limiter): not placed.</summary>
    TooManyOrders = -1015,

    /// <summary>Timestamp outside the receive window: not placed.</summary>
    InvalidTimestamp = -1021,
    InvalidSignature = -1022,
    BadSymbol = -1121,
    /// <summary>MARGIN_NOT_SUFFICIENT: the order's initial margin at the configured leverage exceeds the balance.</summary>
    MarginNotSufficient = -2019,
    StopOrderSwitchAlgo = -4120,
    FilterFailureLotSize = -1013,
    BadPrecision = -1111,
    NewOrderRejected = -2010,

    /// <summary>A stop or take-profit whose trigger price the market has already passed.</summary>
    OrderWouldImmediatelyTrigger = -2021,
    CancelRejected = -2011,
    NoSuchOrder = -2013,
    ReduceOnlyRejected = -2022,
    MaxOpenOrdersExceeded = -2025,
    QuantityNotPositive = -4003,

    /// <summary>Quantity below LOT_SIZE minQty (MARKET_LOT_SIZE minQty for market orders).</summary>
    QuantityLessThanMin = -4004,

    /// <summary>Quantity above LOT_SIZE maxQty (MARKET_LOT_SIZE maxQty for market orders).</summary>
    QuantityGreaterThanMax = -4005,
    PriceNotIncreasedByTickSize = -4014,

    /// <summary>Limit price above mark × PERCENT_PRICE multiplierUp.</summary>
    PriceAbovePercentPrice = -4016,

    /// <summary>Limit price below mark × PERCENT_PRICE multiplierDown.</summary>
    PriceBelowPercentPrice = -4024,
    QuantityNotIncreasedByStepSize = -4023,
    MinNotional = -4164,
    /// <summary>MARKET_ORDER_REJECT: a market order whose fill price would break PERCENT_PRICE against the mark.</summary>
    MarketOrderPercentPrice = -4131,

    PostOnlyWouldTake = -5022,
}
