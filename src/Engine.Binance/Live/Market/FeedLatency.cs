using System.Runtime.CompilerServices;
using Engine.Metrics;

namespace Engine.Binance.Live.Market;

/// <summary>
/// The feed's two latency histograms: exchange event time <c>E</c> to local receive (µs, after the measured clock
/// offset) and local receive to ring publish (ns). Writers (receive threads, one at a time under the sequencer's lock)
/// record into the active pair inside a phaser critical section; any reader thread takes a copy of the totals with
/// <see cref="Totals"/>, which swaps the pair and folds the interval into running totals, never reading a histogram
/// a writer touches.
/// </summary>
public sealed class FeedLatency
{
    /// <summary>Highest E→receive value tracked, 1 h in µs; above is overflow.</summary>
    public const long HighestMicros = 3_600_000_000;

    /// <summary>Highest receive→ring value tracked, 1 min in ns.</summary>
    public const long HighestNanos = 60_000_000_000;

    private readonly WriterReaderPhaser _phaser = new();
    private Pair _active = new();
    private Pair _inactive = new();
    private readonly Pair _totals = new();

    /// <summary>Writer: one received trade's two values (a negative E→receive, clocks disagreeing, is recorded as 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long exchangeToReceiveMicros, long receiveToRingNanos)
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        Pair p = Volatile.Read(ref _active);
        p.ExchangeToReceive.RecordValue(Math.Max(0, exchangeToReceiveMicros));
        p.ReceiveToRing.RecordValue(receiveToRingNanos);
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>Writer: a trade that reached the ring late (held during a backfill, or fetched by it): receive→ring only.</summary>
    public void RecordReceiveToRing(long receiveToRingNanos)
    {
        long critical = _phaser.WriterCriticalSectionEnter();
        Volatile.Read(ref _active).ReceiveToRing.RecordValue(receiveToRingNanos);
        _phaser.WriterCriticalSectionExit(critical);
    }

    /// <summary>Any thread: copies of everything recorded so far (E→receive µs, receive→ring ns). Allocates the copies.</summary>
    public (Histogram ExchangeToReceiveMicros, Histogram ReceiveToRingNanos) Totals()
    {
        lock (_phaser.ReaderLock)
        {
            Pair leaving = _active;
            _inactive.Reset();
            Volatile.Write(ref _active, _inactive); // writers entering after the flip record into the fresh pair
            _phaser.FlipPhase();
            _inactive = leaving;
            _totals.ExchangeToReceive.Add(leaving.ExchangeToReceive);
            _totals.ReceiveToRing.Add(leaving.ReceiveToRing);
            leaving.Reset();
            return (_totals.ExchangeToReceive.Copy(), _totals.ReceiveToRing.Copy());
        }
    }

    private sealed class Pair
    {
        public readonly Histogram ExchangeToReceive = new(HighestMicros, 3);
        public readonly Histogram ReceiveToRing = new(HighestNanos, 3);

        public void Reset()
        {
            ExchangeToReceive.Reset();
            ReceiveToRing.Reset();
        }
    }
}
