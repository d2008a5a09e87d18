namespace Engine.Oms;

/// <summary>What happened to an order: a venue report, or our own cancel request. Input of <see cref="OrderStateMachine"/>.</summary>
public enum OrderEvent : byte
{
    Accepted = 0,
    Rejected = 1,
    PartiallyFilled = 2,
    Filled = 3,

    /// <summary>We sent a cancel.</summary>
    CancelRequested = 4,
    Canceled = 5,

    /// <summary>The venue refused our cancel and the order has no fill yet.</summary>
    CancelRejected = 6,

    /// <summary>The venue refused our cancel and the order had already filled in part.</summary>
    CancelRejectedAfterPartialFill = 7,
    Expired = 8,

    /// <summary>The submit timed out or got a 5xx: the venue may or may not have the order.</summary>
    OutcomeUnknown = 9,

    /// <summary>A query found no such order (-2013), or a cancel was refused for an order the venue never acknowledged.</summary>
    NotFound = 10,
}
