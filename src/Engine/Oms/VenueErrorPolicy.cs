using Engine.Model;

namespace Engine.Oms;

/// <summary>
/// Reads Binance's error code of a refused order (binance-usdm facts: HTTP 5xx, timeouts and internal errors leave the
/// outcome open; rate limits and timestamps mean "not placed, try later"; everything else is final). A code nobody
/// listed is final: never resent blindly, never ignored.
/// </summary>
public static class VenueErrorPolicy
{
    public static VenueErrorAction Classify(BinanceErrorCode code) => code switch
    {
        BinanceErrorCode.OrderWouldImmediatelyTrigger => VenueErrorAction.WouldTriggerImmediately,
        BinanceErrorCode.Unknown or BinanceErrorCode.Disconnected or BinanceErrorCode.Timeout or BinanceErrorCode.ServerBusy
            => VenueErrorAction.OutcomeUnknown,
        BinanceErrorCode.TooManyRequests or BinanceErrorCode.TooManyOrders or BinanceErrorCode.InvalidTimestamp
            => VenueErrorAction.BackOffAndResend,
        _ => VenueErrorAction.Final,
    };
}
