using Engine.Timing;

namespace Engine.Binance.Live.Market;

/// <summary>
/// The market's clock as the feed knows it: the latest exchange event time <c>E</c> seen, advanced by the local
/// monotonic clock since that frame arrived. It never runs ahead of the exchange by more than the network delay
/// jitter (the next frame's <c>E</c> is at least the last one plus the time since, less the jitter), which the
/// timer's safety margin covers. Owned by the sequencer (under its lock).
/// </summary>
internal sealed class MarketClock
{
    private long _lastEventMs = long.MinValue;
    private long _lastEventTicks;

    public bool HasTime => _lastEventMs != long.MinValue;

    public long LastEventMs => _lastEventMs;

    /// <summary>A frame with event time <paramref name="eventMs"/> arrived at <paramref name="receivedTicks"/> (EngineClock).</summary>
    public void Observe(long eventMs, long receivedTicks)
    {
        if (eventMs > _lastEventMs)
        {
            _lastEventMs = eventMs;
            _lastEventTicks = receivedTicks;
        }
    }

    /// <summary>Estimated market time at <paramref name="nowTicks"/>, Unix ms; long.MinValue before the first frame.</summary>
    public long EstimateMs(long nowTicks)
    {
        if (!HasTime)
        {
            return long.MinValue;
        }

        long elapsedMs = EngineClock.ElapsedNanos(_lastEventTicks, nowTicks) / 1_000_000;
        return _lastEventMs + Math.Max(0, elapsedMs);
    }
}
