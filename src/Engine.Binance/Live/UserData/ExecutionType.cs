namespace Engine.Binance.Live.UserData;

/// <summary>Binance's execution type <c>x</c> of an <c>ORDER_TRADE_UPDATE</c>: what just happened to the order.</summary>
public enum ExecutionType : byte
{
    Unknown = 0,
    New = 1,
    Canceled = 2,

    /// <summary>A liquidation or auto-deleverage fill.</summary>
    Calculated = 3,
    Expired = 4,
    Trade = 5,

    /// <summary>The order was modified (price or quantity).</summary>
    Amendment = 6,
}
