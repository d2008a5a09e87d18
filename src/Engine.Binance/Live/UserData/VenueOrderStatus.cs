namespace Engine.Binance.Live.UserData;

/// <summary>Binance's order status <c>X</c> (regular orders) or algo status (conditional orders).</summary>
public enum VenueOrderStatus : byte
{
    Unknown = 0,
    New = 1,
    PartiallyFilled = 2,
    Filled = 3,
    Canceled = 4,
    Expired = 5,
    ExpiredInMatch = 6,
    Rejected = 7,

    /// <summary>An insurance-fund liquidation order (seen on the wire).</summary>
    NewInsurance = 8,

    /// <summary>An auto-deleverage order (seen on the wire).</summary>
    NewAdl = 9,

    // Algo statuses
    Triggering = 10,
    Triggered = 11,
    Finished = 12,
}
