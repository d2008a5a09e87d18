namespace Engine.Binance.Json;

/// <summary>
/// Per-reason counters of one <see cref="TradeFrameParser"/>. Written only by the parser's thread; other threads may
/// read a slightly stale value.
/// </summary>
public sealed class ParserStats
{
    private readonly long[] _counts = new long[FrameParseResultExtensions.Count];

    public long Frames { get; private set; }

    public long Trades => _counts[(int)FrameParseResult.Trade];

    public long Skipped => _counts[(int)FrameParseResult.SkippedUnknownEvent] + _counts[(int)FrameParseResult.SkippedNoEventType];

    public long MarkPrices => _counts[(int)FrameParseResult.MarkPrice];

    public long Malformed => Frames - Trades - MarkPrices - Skipped;

    /// <summary>The most recent malformed reason, or <see cref="FrameParseResult.Trade"/> when none has been seen.</summary>
    public FrameParseResult LastFailure { get; private set; }

    public long Count(FrameParseResult result) => _counts[(int)result];

    internal void Record(FrameParseResult result)
    {
        Frames++;
        _counts[(int)result]++;
        if (result.IsMalformed())
        {
            LastFailure = result;
        }
    }
}
