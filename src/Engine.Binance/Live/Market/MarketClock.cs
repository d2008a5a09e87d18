using Engine.Timing;

namespace Engine.Binance.Live.Market;

/// <summary>
/// The market's clock as the feed knows it: the latest exchange event time <c>E</c> seen, advanced by the local
/// monotonic clock since that frame arrived. It never runs ahead of the exchange by more than the network delay
/// jitter (the next frame's <c>E</c> is at least the last one plus the time since, less the jitter), which the
/// timer's safety margin covers. Owned by the sequencer (under its lock).
/// </summary>
/// <remarks>
/// Local time counts only while this process demonstrably ran: each reading credits the time since the previous one
/// (or since the frame) up to <c>maxStep</c>, about two timer periods. A process that stood still (a collection's
/// pause, a VM's stolen CPU, a starved thread pool: the timer and the socket's receive wait on the same threads) has
/// frames in its socket it has not read yet, and a clock that jumped by the pause would close their interval before
/// they reach the ring (they would be late). After a stall the estimate moves on one step at a time, so the reader
/// drains the socket first, and the next frame sets the clock to the exchange's time again.
/// </remarks>
internal sealed class MarketClock
{
    private readonly long _maxStepTicks;
    private long _lastEventMs = long.MinValue;
    private long _creditedTicks; // local time counted since the last frame
    private long _creditedUntil; // EngineClock ticks: the frame's arrival or the last reading

    /// <param name="maxStep">The most local time one reading may add (two timer periods).</param>
    public MarketClock(TimeSpan maxStep)
    {
        _maxStepTicks = Math.Max(1, (long)(maxStep.TotalSeconds * EngineClock.TicksPerSecond));
    }

    public bool HasTime => _lastEventMs != long.MinValue;

    public long LastEventMs => _lastEventMs;

    /// <summary>A frame with event time <paramref name="eventMs"/> arrived at <paramref name="receivedTicks"/> (EngineClock).</summary>
    public void Observe(long eventMs, long receivedTicks)
    {
        if (eventMs > _lastEventMs)
        {
            _lastEventMs = eventMs;
            _creditedTicks = 0;
            _creditedUntil = receivedTicks;
        }
    }

    /// <summary>Estimated market time at <paramref name="nowTicks"/>, Unix ms; long.MinValue before the first frame.</summary>
    public long EstimateMs(long nowTicks)
    {
        if (!HasTime)
        {
            return long.MinValue;
        }

        long step = nowTicks - _creditedUntil;
        if (step > 0)
        {
            _creditedTicks += Math.Min(step, _maxStepTicks);
            _creditedUntil = nowTicks;
        }

        return _lastEventMs + (EngineClock.ElapsedNanos(0, _creditedTicks) / 1_000_000);
    }
}
