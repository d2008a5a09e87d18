namespace Engine.Binance.Json;

/// <summary>
/// Outcome of parsing one WebSocket frame. <see cref="Trade"/> is success; the <c>Skipped*</c> values are valid frames
/// of another kind; every value from <see cref="Empty"/> on is a malformed frame, named by its first fault.
/// </summary>
public enum FrameParseResult : byte
{
    /// <summary>An <c>aggTrade</c> or <c>trade</c> was written into the slot.</summary>
    Trade = 0,

    /// <summary>A well-formed event of another type (depthUpdate, bookTicker, kline...).</summary>
    SkippedUnknownEvent = 1,

    /// <summary>An object without an <c>e</c> field: REST depth snapshot, subscription reply.</summary>
    SkippedNoEventType = 2,

    Empty = 3,

    /// <summary>The frame ended inside a value, string or object.</summary>
    Truncated = 4,

    /// <summary>A character that JSON does not allow where it stands, or trailing bytes after the object.</summary>
    InvalidJson = 5,

    /// <summary>Nesting deeper than the parser tracks (64).</summary>
    TooDeep = 6,

    /// <summary>A field the engine reads (e, s, p, q, X) holds a backslash escape; such frames are refused, not guessed.</summary>
    EscapedString = 7,

    /// <summary>A trade without one of its required fields (s, p, q, T, m, E and t, or a, f, l).</summary>
    MissingField = 8,

    /// <summary>An id or time that is not a plain JSON integer (fraction, exponent, quoted).</summary>
    BadNumber = 9,

    /// <summary>An integer with more digits than a 64-bit id holds.</summary>
    NumberOverflow = 10,

    BadBoolean = 11,

    /// <summary>Price text that is not a positive decimal with at most 8 decimals (NaN, overlong, zero...).</summary>
    BadPrice = 12,

    /// <summary>Quantity text that is not a positive decimal with at most 8 decimals.</summary>
    BadQuantity = 13,

    /// <summary>The symbol is not in the registry.</summary>
    UnknownSymbol = 14,

    /// <summary>A field the engine reads has the wrong JSON type (a numeric symbol, an object for a price...).</summary>
    BadFieldType = 15,

    /// <summary>A <c>markPriceUpdate</c> was written into the slot (<see cref="Engine.Model.EventKind.MarkPrice"/>).</summary>
    MarkPrice = 16,
}

/// <summary>Classification of <see cref="FrameParseResult"/> values.</summary>
public static class FrameParseResultExtensions
{
    /// <summary>Number of enum values, for per-reason counter arrays.</summary>
    public const int Count = (int)FrameParseResult.MarkPrice + 1;

    public static bool IsSkipped(this FrameParseResult result) =>
        result is FrameParseResult.SkippedUnknownEvent or FrameParseResult.SkippedNoEventType;

    public static bool IsMalformed(this FrameParseResult result) => result is >= FrameParseResult.Empty and <= FrameParseResult.BadFieldType;

    /// <summary>True when the parser wrote an event into the slot: a trade or a mark price.</summary>
    public static bool IsEvent(this FrameParseResult result) => result is FrameParseResult.Trade or FrameParseResult.MarkPrice;
}
