using System.Runtime.CompilerServices;
using Engine.Binance.Json;
using Engine.Model;
using Engine.Pipeline;
using Engine.Timing;

namespace Engine.Binance.Live.Market;

/// <summary>
/// Puts live aggTrades into the input ring with no gap and no duplicate, per symbol in id order: a frame is parsed
/// straight into a claimed slot; the next id is published at once, a repeated id is dropped, an id past a gap is
/// held and a backfill starts (<see cref="GapFiller"/>), whose trades are published in id order before the held ones
/// are released. Also publishes the timer's TimerTick events, never past the market time the feed has confirmed
/// gap-free. Every ring write happens under one lock, so the ring's order is the sequence's order across the
/// connections of a handover and the backfill thread.
/// </summary>
internal sealed partial class TradeSequencer
{
    private readonly Lock _gate = new();
    private readonly IInputPublisher? _ring;
    private readonly TradeFrameParser _parser;
    private readonly SymbolFeedState?[] _states;
    private readonly List<FeedRoute> _routes = [];
    private readonly MarketClock _clock;
    private readonly FeedStatistics _stats;
    private readonly int _maxHeld;
    private readonly long _tickMarginMs;
    private Action<SymbolFeedState>? _startRecovery;
    private long _lastTickMs = long.MinValue;
    private bool _stopped;

    public TradeSequencer(SymbolRegistry registry, IReadOnlyList<string> symbols, IInputPublisher? ring, FeedStatistics stats, MarketFeedOptions options)
    {
        _ring = ring;
        _parser = new TradeFrameParser(registry);
        _stats = stats;
        _maxHeld = options.MaxHeldTrades;
        _tickMarginMs = (long)options.TickSafetyMargin.TotalMilliseconds;
        _clock = new MarketClock(options.TickInterval * 2);
        _states = new SymbolFeedState?[registry.Count];
        foreach (string name in symbols)
        {
            if (!registry.TryGet(name.AsSpan(), out SymbolId id))
            {
                throw new ArgumentException($"symbol {name} is not in the registry");
            }

            _states[id.Value] = new SymbolFeedState(id, name, initialHold: 1024);
        }
    }

    public ParserStats ParserStats => _parser.Stats;

    /// <summary>The backfill starter (set once by the feed before any frame).</summary>
    public void OnRecovery(Action<SymbolFeedState> start) => _startRecovery = start;

    internal SymbolFeedState? State(SymbolId id) => (uint)id.Value < (uint)_states.Length ? _states[id.Value] : null;

    /// <summary>Receive thread: one whole frame of <paramref name="link"/>, received at <paramref name="receivedTicks"/> (EngineClock).</summary>
    public void OnFrame(FeedLink link, ReadOnlySpan<byte> utf8, long receivedTicks, long receivedUnixNs)
    {
        _stats.Frame();
        if (_ring is null)
        {
            return; // tap-only (recording): nothing goes to a ring
        }

        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (!TryClaim(out long seq))
            {
                return;
            }

            ref EngineEvent slot = ref _ring[seq];
            FrameParseResult result = _parser.TryParse(utf8, ref slot);
            if (result == FrameParseResult.Trade && slot.Trade.IsAggregate && State(slot.Trade.Symbol) is SymbolFeedState state)
            {
                _stats.TradeFrame();
                long eventMs = slot.Trade.EventTimeMs;
                _clock.Observe(eventMs, receivedTicks);
                link.Route.LastEventMs = Math.Max(link.Route.LastEventMs, eventMs);
                if (Accept(state, link, ref slot.Trade, receivedTicks))
                {
                    slot.ReceivedTimestamp = receivedTicks;
                    _ring.Publish(seq);
                    long ringTicks = EngineClock.Timestamp();
                    _stats.Latency.Record((receivedUnixNs / 1000) - ((eventMs + _stats.ClockOffsetMs) * 1000), EngineClock.ElapsedNanos(receivedTicks, ringTicks));
                    return;
                }
            }
            else if (result == FrameParseResult.MarkPrice)
            {
                // @markPrice@1s: the risk gate's reference price; it moves no clock (a mark is not a trade).
                slot.ReceivedTimestamp = receivedTicks;
                _ring.Publish(seq);
                return;
            }
            else if (result.IsMalformed())
            {
                _stats.Malformed();
            }

            // Held, repeated, not engine input (a raw @trade frame, another stream) or unreadable: the claimed slot goes out empty.
            slot.Kind = EventKind.None;
            _ring.Publish(seq);
        }
    }

    /// <summary>True when the trade in the slot goes to the ring now; otherwise it was held (copied) or dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Accept(SymbolFeedState s, FeedLink link, ref Trade trade, long receivedTicks)
    {
        long id = trade.Id;
        if (!s.Recovering && id == s.LastId + 1 && !s.GapOpenUntilNextLive)
        {
            link.CaughtUp = true;
            s.LastId = id;
            s.LastTimeMs = trade.TradeTimeMs;
            return true;
        }

        return AcceptSlow(s, link, ref trade, receivedTicks);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AcceptSlow(SymbolFeedState s, FeedLink link, ref Trade trade, long receivedTicks)
    {
        long id = trade.Id;
        if (s.LastId < 0)
        {
            // The first trade of the run: the feed starts here (nothing before it is owed to the engine).
            link.CaughtUp = true;
            s.LastId = id;
            s.LastTimeMs = trade.TradeTimeMs;
            return true;
        }

        if (id <= s.HighestId)
        {
            link.CaughtUp = true; // this connection repeats what another (or REST) delivered: it overlaps
            _stats.Duplicate();
            return false;
        }

        if (s.GapOpenUntilNextLive && !s.Recovering)
        {
            // A backfill gave up not knowing where the gap ended: this id ends it.
            s.GapOpenUntilNextLive = false;
            if (id > s.LastId + 1)
            {
                EmitGap(s, s.LastId + 1, id - 1, trade.TradeTimeMs);
            }

            s.LastId = id;
            s.LastTimeMs = trade.TradeTimeMs;
            return true;
        }

        if (!s.Recovering)
        {
            link.CaughtUp = true;
            _stats.GapFound();
            s.GapCounted = true;
            BeginRecovery(s);
        }

        if (!s.TryHold(in trade, receivedTicks, _maxHeld))
        {
            _stats.HeldOverflow(); // the backfill fetches it instead: REST holds every id
        }

        return false;
    }

    /// <summary>A connection of <paramref name="route"/> opened. Unless it is a handover's second connection, the route's symbols are checked by a backfill from their last id (trades may have been missed while it was down).</summary>
    public void RouteOpened(FeedRoute route, bool handover)
    {
        lock (_gate)
        {
            if (!_routes.Contains(route))
            {
                _routes.Add(route);
            }

            route.Open = true;
            route.ClosedCapMs = long.MaxValue;
            if (handover || _ring is null || _stopped)
            {
                return;
            }

            foreach (SymbolId id in route.TradeSymbols)
            {
                if (State(id) is SymbolFeedState s && s.LastId >= 0 && !s.Recovering)
                {
                    s.GapCounted = false;
                    BeginRecovery(s);
                }
            }
        }
    }

    /// <summary>Every connection of <paramref name="route"/> is down: the clock may not pass the last trade it delivered.</summary>
    public void RouteClosed(FeedRoute route)
    {
        lock (_gate)
        {
            route.Open = false;
            route.ClosedCapMs = route.LastEventMs != long.MinValue ? route.LastEventMs : _clock.LastEventMs;
        }
    }

    /// <summary>
    /// Timer thread: publishes a TimerTick at the market time confirmed gap-free, if it advanced: the estimated market
    /// time less the safety margin, held back by any route that is down (to its last delivered trade) and any symbol
    /// being backfilled (to its last released trade).
    /// </summary>
    public bool Tick(long nowTicks)
    {
        if (_ring is null)
        {
            return false;
        }

        lock (_gate)
        {
            if (_stopped || !_clock.HasTime)
            {
                return false;
            }

            long confirmed = _clock.EstimateMs(nowTicks) - _tickMarginMs;
            foreach (FeedRoute route in _routes)
            {
                if (!route.Open)
                {
                    confirmed = Math.Min(confirmed, route.ClosedCapMs);
                }
            }

            foreach (SymbolFeedState? s in _states)
            {
                if (s is not null && (s.Recovering || s.GapOpenUntilNextLive))
                {
                    confirmed = Math.Min(confirmed, s.LastTimeMs);
                }
            }

            if (confirmed <= _lastTickMs)
            {
                return false;
            }

            if (!TryClaim(out long seq))
            {
                return false;
            }

            _lastTickMs = confirmed;
            ref EngineEvent slot = ref _ring[seq];
            slot.Kind = EventKind.TimerTick;
            slot.TimerMs = confirmed;
            slot.ReceivedTimestamp = EngineClock.Timestamp();
            _ring.Publish(seq);
            _stats.TimerTick();
            return true;
        }
    }

    /// <summary>The last TimerTick published, Unix ms (long.MinValue before any).</summary>
    public long LastTickMs
    {
        get
        {
            lock (_gate)
            {
                return _lastTickMs;
            }
        }
    }

    /// <summary>After this returns nothing more is written to the ring.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }

    // The pipeline closes its input when the run stops: the feed then stops writing (and the caller drops what it had).
    private bool TryClaim(out long sequence)
    {
        try
        {
            sequence = _ring!.Claim();
            return true;
        }
        catch (InputClosedException)
        {
            _stopped = true;
            sequence = -1;
            return false;
        }
    }

    private void BeginRecovery(SymbolFeedState s)
    {
        s.Recovering = true;
        s.BackfilledThisRecovery = 0;
        _startRecovery?.Invoke(s);
    }
}
