namespace Engine.Model;

/// <summary>The Binance USD-M error codes the engine and the paper venue produce or act on.</summary>
public enum BinanceErrorCode
{
    None = 0,
    Timeout = -1007,
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
    PriceNotIncreasedByTickSize = -4014,
    QuantityNotIncreasedByStepSize = -4023,
    MinNotional = -4164,
    PostOnlyWouldTake = -5022,
}
