using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// The feed's health counters. Written by the feed's threads (under its sequencer lock, or atomically); any thread
/// reads a consistent-enough view with <see cref="Snapshot"/> (each counter exact, the set not one instant).
/// </summary>
public sealed class FeedStatistics
{
    private readonly DateTime _startedUtc = DateTime.UtcNow;
    private readonly List<FeedGap> _unfillable = [];
    private long _frames;
    private long _tradeFrames;
    private long _malformed;
    private long _duplicates;
    private long _reconnects;
    private long _handovers;
    private long _gapsFound;
    private long _gapsFilled;
    private long _tradesBackfilled;
    private long _backfillRequests;
    private long _backfillRateLimited;
    private long _backfillUnavailable;
    private long _timerTicks;
    private long _heldOverflow;
    private long _connectionsOpen;
    private long _connectFailures;
    private long _clockOffsetMs;
    private string? _lastDisconnect;

    public FeedLatency Latency { get; } = new();

    internal void Frame() => Interlocked.Increment(ref _frames);

    internal void TradeFrame() => _tradeFrames++;

    internal void Malformed() => _malformed++;

    internal void Duplicate() => _duplicates++;

    internal void Reconnect(string reason)
    {
        Interlocked.Increment(ref _reconnects);
        Volatile.Write(ref _lastDisconnect, reason);
    }

    internal void ConnectFailed(string reason)
    {
        Interlocked.Increment(ref _connectFailures);
        Volatile.Write(ref _lastDisconnect, "connect failed: " + reason);
    }

    internal void Handover() => Interlocked.Increment(ref _handovers);

    internal void GapFound() => _gapsFound++;

    internal void GapFilled() => _gapsFilled++;

    internal void Backfilled() => _tradesBackfilled++;

    internal void BackfillRequest() => Interlocked.Increment(ref _backfillRequests);

    internal void BackfillRateLimited() => Interlocked.Increment(ref _backfillRateLimited);

    internal void BackfillUnavailable() => Interlocked.Increment(ref _backfillUnavailable);

    internal void TimerTick() => _timerTicks++;

    internal void HeldOverflow() => _heldOverflow++;

    internal void ConnectionOpened() => Interlocked.Increment(ref _connectionsOpen);

    internal void ConnectionClosed() => Interlocked.Decrement(ref _connectionsOpen);

    internal void ClockOffset(long serverMinusLocalMs) => Volatile.Write(ref _clockOffsetMs, serverMinusLocalMs);

    internal long ClockOffsetMs => Volatile.Read(ref _clockOffsetMs);

    internal void Unfillable(in FeedGap gap)
    {
        lock (_unfillable)
        {
            _unfillable.Add(gap);
        }
    }

    /// <summary>Any thread: the counters now, the unfillable gaps so far, and the latency histograms' totals (copies).</summary>
    public FeedSnapshot Snapshot()
    {
        FeedGap[] gaps;
        lock (_unfillable)
        {
            gaps = [.. _unfillable];
        }

        (Metrics.Histogram e2r, Metrics.Histogram r2r) = Latency.Totals();
        return new FeedSnapshot
        {
            TakenUtc = DateTime.UtcNow,
            StartedUtc = _startedUtc,
            Frames = Volatile.Read(ref _frames),
            TradeFrames = Volatile.Read(ref _tradeFrames),
            MalformedFrames = Volatile.Read(ref _malformed),
            Duplicates = Volatile.Read(ref _duplicates),
            Reconnects = Volatile.Read(ref _reconnects),
            Handovers = Volatile.Read(ref _handovers),
            GapsFound = Volatile.Read(ref _gapsFound),
            GapsFilled = Volatile.Read(ref _gapsFilled),
            TradesBackfilled = Volatile.Read(ref _tradesBackfilled),
            BackfillRequests = Volatile.Read(ref _backfillRequests),
            BackfillRateLimited = Volatile.Read(ref _backfillRateLimited),
            BackfillUnavailable = Volatile.Read(ref _backfillUnavailable),
            TimerTicks = Volatile.Read(ref _timerTicks),
            HeldOverflow = Volatile.Read(ref _heldOverflow),
            ConnectionsOpen = Volatile.Read(ref _connectionsOpen),
            ConnectFailures = Volatile.Read(ref _connectFailures),
            ClockOffsetMs = Volatile.Read(ref _clockOffsetMs),
            LastDisconnect = Volatile.Read(ref _lastDisconnect),
            UnfillableGaps = gaps,
            ExchangeToReceiveMicros = e2r,
            ReceiveToRingNanos = r2r,
        };
    }
}
