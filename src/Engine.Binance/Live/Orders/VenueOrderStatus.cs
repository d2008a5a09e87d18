namespace Engine.Binance.Live.Orders;

/// <summary>An order's or conditional order's <c>status</c>/<c>algoStatus</c> as Binance answered it.</summary>
public enum VenueOrderStatus : byte
{
    None = 0,
    New = 1,
    PartiallyFilled = 2,
    Filled = 3,
    Canceled = 4,
    Expired = 5,
    Rejected = 6,

    /// <summary>Algo: the trigger price was reached and the order is being placed.</summary>
    Triggering = 7,

    /// <summary>Algo: the triggered order was placed in the matching engine (<c>actualOrderId</c>).</summary>
    Triggered = 8,

    /// <summary>Algo: the triggered order ended (filled or cancelled).</summary>
    Finished = 9,

    /// <summary>A status text the gateway does not know (counted).</summary>
    Other = 255,
}
