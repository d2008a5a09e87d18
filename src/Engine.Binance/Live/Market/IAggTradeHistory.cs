using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>Where the feed backfills missing aggregate trades from (REST <c>GET /fapi/v1/aggTrades?fromId=</c>; a double in unit tests).</summary>
public interface IAggTradeHistory
{
    /// <summary>Appends up to <paramref name="limit"/> trades with ids from <paramref name="fromId"/> on, in id order, to <paramref name="into"/>.</summary>
    Task<HistoryAnswer> FetchAsync(string symbol, SymbolId id, long fromId, int limit, List<Trade> into, CancellationToken cancellationToken);
}

/// <summary>How a history request ended.</summary>
public enum HistoryOutcome : byte
{
    /// <summary>The trades (possibly none yet) were appended.</summary>
    Ok,

    /// <summary>429 or 418: wait <see cref="HistoryAnswer.RetryAfter"/> before any further request.</summary>
    RateLimited,

    /// <summary>5xx, a timeout or a broken connection: retry with back-off.</summary>
    Unavailable,

    /// <summary>Any other refusal (4xx, an unreadable body): retrying will not help.</summary>
    Refused,
}

/// <summary>A history request's outcome, the pause the server asked for, and a one-line reason for logs and the report.</summary>
public readonly record struct HistoryAnswer(HistoryOutcome Outcome, TimeSpan RetryAfter, string? Reason)
{
    public static HistoryAnswer Ok => new(HistoryOutcome.Ok, TimeSpan.Zero, null);
}
