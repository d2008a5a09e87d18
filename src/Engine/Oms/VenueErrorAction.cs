namespace Engine.Oms;

/// <summary>What a venue's refusal of an order means for what the OMS does next (see <see cref="VenueErrorPolicy"/>).</summary>
public enum VenueErrorAction : byte
{
    /// <summary>A final refusal: the same request would be refused again. Never resent unchanged.</summary>
    Final = 0,

    /// <summary>The venue did not place it for a transient reason (rate limits, timestamp): resend after a back-off.</summary>
    BackOffAndResend = 1,

    /// <summary>The request may have executed (timeouts, internal errors): the order's outcome is open; query it.</summary>
    OutcomeUnknown = 2,

    /// <summary>A stop whose trigger price the market has already passed (-2021): the position must close now.</summary>
    WouldTriggerImmediately = 3,
}
