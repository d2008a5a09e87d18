using Engine.Model;

namespace Engine.Sim.Trading;

/// <summary>The Binance error (HTTP 400, code, message) of a rule <see cref="Engine.Oms.Paper.FillRules"/> reports broken.</summary>
internal static class DeskErrors
{
    public static SimError Of(BinanceErrorCode code, DeskSymbol s) => code switch
    {
        BinanceErrorCode.NewOrderRejected => SimError.BadRequest(-1121, "Invalid symbol."),
        BinanceErrorCode.QuantityNotPositive => SimError.BadRequest(-4003, "Quantity less than or equal to zero."),
        BinanceErrorCode.BadPrecision => SimError.BadRequest(-1111, "Precision is over the maximum defined for this asset."),
        BinanceErrorCode.QuantityNotIncreasedByStepSize => SimError.BadRequest(-4023, "Quantity not increased by step size."),
        BinanceErrorCode.QuantityLessThanMin => SimError.BadRequest(-4004, "Quantity less than min quantity."),
        BinanceErrorCode.QuantityGreaterThanMax => SimError.BadRequest(-4005, "Quantity greater than max quantity."),
        BinanceErrorCode.PriceNotIncreasedByTickSize => SimError.BadRequest(-4014, "Price not increased by tick size."),
        BinanceErrorCode.PriceAbovePercentPrice => SimError.BadRequest(-4016, "Limit price can't be higher than the mark price multiplier cap."),
        BinanceErrorCode.PriceBelowPercentPrice => SimError.BadRequest(-4024, "Limit price can't be lower than the mark price multiplier floor."),
        BinanceErrorCode.MarketOrderPercentPrice => SimError.BadRequest(-4131, "The counterparty's best price does not meet the PERCENT_PRICE filter limit."),
        BinanceErrorCode.MinNotional => SimError.BadRequest(-4164, $"Order's notional must be no smaller than {s.Filters.MinNotional} (unless you choose reduce only)."),
        BinanceErrorCode.ReduceOnlyRejected => SimError.BadRequest(-2022, "ReduceOnly Order is rejected."),
        BinanceErrorCode.MarginNotSufficient => SimError.BadRequest(-2019, "Margin is insufficient."),
        BinanceErrorCode.OrderWouldImmediatelyTrigger => SimError.BadRequest(-2021, "Order would immediately trigger."),
        BinanceErrorCode.PostOnlyWouldTake => SimError.BadRequest(-5022, "Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history"),
        _ => SimError.BadRequest((int)code, "Order rejected."),
    };
}
