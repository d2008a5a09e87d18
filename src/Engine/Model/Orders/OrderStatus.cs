namespace Engine.Model;

/// <summary>Where an order is in its life, as the engine knows it (transitions: Oms/OrderStateMachine.cs).</summary>
public enum OrderStatus : byte
{
    /// <summary>A free slot of the order table.</summary>
    None = 0,

    /// <summary>Sent, not yet acknowledged.</summary>
    PendingSubmit = 1,
    Accepted = 2,
    PartiallyFilled = 3,
    Filled = 4,

    /// <summary>A cancel was sent; the order may still fill until the venue confirms.</summary>
    PendingCancel = 5,
    Canceled = 6,
    Rejected = 7,
    Expired = 8,

    /// <summary>The venue left the outcome open (timeout, HTTP 5xx, -1007): it may have executed.</summary>
    Unknown = 9,
}
