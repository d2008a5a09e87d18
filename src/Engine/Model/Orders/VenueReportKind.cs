namespace Engine.Model;

/// <summary>What a venue said about one order.</summary>
public enum VenueReportKind : byte
{
    None = 0,
    Accepted = 1,

    /// <summary>The venue refused the order; <see cref="VenueReport.ErrorCode"/> holds Binance's code.</summary>
    Rejected = 2,
    PartiallyFilled = 3,
    Filled = 4,
    Canceled = 5,

    /// <summary>The cancel was refused (-2011): the order is filled already, or keeps working.</summary>
    CancelRejected = 6,

    /// <summary>The venue ended the order (IOC rest, reduce-only competition, GTX).</summary>
    Expired = 7,

    /// <summary>Timeout, HTTP 5xx or -1007 on a submit: the order may or may not exist.</summary>
    Unknown = 8,

    /// <summary>A query found no such order (-2013): a submit left Unknown never reached the venue.</summary>
    NotFound = 9,
}
