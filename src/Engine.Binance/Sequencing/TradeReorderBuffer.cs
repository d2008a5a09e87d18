using System.Runtime.CompilerServices;
using Engine.Model;
using Engine.Pipeline;

namespace Engine.Binance.Sequencing;

/// <summary>
/// Puts each symbol's trades back in id order (ids are sequential per symbol) before they reach the engine, drops
/// duplicate ids, and gives up on a missing id once the input has moved a reorder window past it, so one trade out of
/// place can neither close intervals ahead of the data nor be silently lost. Wraps the feed thread's input, in front of
/// the input ring (live, the WebSocket feed goes through it too).
/// <para>
/// Each symbol has a ring of <see cref="Capacity"/> slots indexed by id. A trade whose id is the next expected goes
/// straight through (the steady path: no copy). One that arrives early waits in its slot until the ids below it came.
/// A hole is given up (an id gap, counted) when the symbol's clock is <c>windowMs</c> of trade time past the last
/// trade let through; the clock moves only with trades whose predecessor id was seen, so a lone outlier far in the
/// future (a stray line, a clock jump) never moves time: it waits in its slot, or, beyond the ring, in a small parking
/// area, until its turn. A trade whose id comes after its turn was given up is late: counted and dropped.
/// At the start a symbol's first trades wait one window too, for lower ids that may still come. Before a non-trade
/// event (an aggregated row; not a mark price, which passes) and at the end of the input, everything held is let through in id order.
/// </para>
/// Feed thread only. Everything is allocated at construction; no allocation per event.
/// </summary>
public sealed partial class TradeReorderBuffer : IInputFeed
{
    /// <summary>Ids a symbol's ring spans (about 6 MB per symbol); a trade further ahead is parked.</summary>
    public const int Capacity = 1 << 16;

    /// <summary>The default reorder window, in trade-time milliseconds (Run:ReorderWindowMs).</summary>
    public const long DefaultWindowMs = 1000;

    private const int Mask = Capacity - 1;
    private const int ParkCapacity = 16;
    private const byte GivenUpMark = 3;
    private const byte Empty = 0;
    private const byte Held = 1;
    private const byte Passed = 2;

    private readonly IInputFeed _inner;
    private readonly long _windowMs;
    private readonly Lane[] _lanes;
    private EngineEvent _heldEvent;
    private bool _hasHeldEvent;
    private bool _innerDone;
    private bool _flushing;
    private int _busyLanes;

    public TradeReorderBuffer(IInputFeed inner, int symbolCount, long windowMs = DefaultWindowMs)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(windowMs);
        _inner = inner;
        _windowMs = windowMs;
        _lanes = new Lane[symbolCount];
        for (int i = 0; i < symbolCount; i++)
        {
            _lanes[i] = new Lane();
        }
    }

    public long WindowMs => _windowMs;

    /// <summary>Trades that arrived after a higher id of their symbol: <see cref="Reordered"/> + <see cref="DroppedLate"/>.</summary>
    public long Late => Reordered + DroppedLate;

    /// <summary>Late trades that came within the window and were put back in id order.</summary>
    public long Reordered { get; private set; }

    /// <summary>Late trades whose id had been given up as a gap already (or fell out of the ring): dropped.</summary>
    public long DroppedLate { get; private set; }

    /// <summary>Trades whose id was already let through or held: dropped, the first one kept.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Holes in the id sequences given up after the window (or at the end of the input).</summary>
    public long Gaps { get; private set; }

    public long MissingIds { get; private set; }

    public bool TryReadNext(ref EngineEvent slot)
    {
        while (true)
        {
            if (_busyLanes != 0 && TryRelease(ref slot))
            {
                return true;
            }

            if (_busyLanes == 0 && _flushing)
            {
                _flushing = false;
                if (_hasHeldEvent)
                {
                    slot = _heldEvent;
                    _hasHeldEvent = false;
                    return true;
                }
            }

            if (_innerDone)
            {
                if (_busyLanes == 0)
                {
                    return false;
                }

                _flushing = true;
                continue;
            }

            if (!_inner.TryReadNext(ref slot))
            {
                _innerDone = true;
                continue;
            }

            if (slot.Kind != EventKind.Trade || (uint)slot.Trade.Symbol.Value >= (uint)_lanes.Length)
            {
                if (_busyLanes == 0)
                {
                    return true; // unknown symbols and other events pass; their order against held trades does not matter
                }

                if (slot.Kind is EventKind.Trade or EventKind.MarkPrice)
                {
                    return true; // a mark price is a reference price, not a clock: it need not wait for held trades
                }

                HoldUntilFlushed(ref slot);
                continue;
            }

            if (Accept(_lanes[slot.Trade.Symbol.Value], ref slot))
            {
                return true;
            }
        }
    }

    /// <summary>True when the trade in <paramref name="slot"/> goes through now; false when it was held or dropped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the steady path, once per trade; the rest is out of line
    private bool Accept(Lane lane, ref EngineEvent slot)
    {
        ref Trade t = ref slot.Trade;
        long id = t.Id;
        if (id == lane.Next && lane.Started && lane.Held == 0 && lane.ParkedCount == 0)
        {
            // Steady path: in order and nothing waiting. Nothing is marked: an id below Next that is in no given-up run
            // was let through (a repeat of it is a duplicate), so the steady path stores nothing per id (marking every
            // id streamed through the 576 KB of marks and cost a fifth of a replay's rate).
            lane.Next = id + 1;
            lane.LastPassedMs = t.TradeTimeMs;
            lane.ClockMs = Math.Max(lane.ClockMs, t.TradeTimeMs);
            lane.MaxId = Math.Max(lane.MaxId, id);
            return true;
        }

        return AcceptOutOfLine(lane, ref slot);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool AcceptOutOfLine(Lane lane, ref EngineEvent slot)
    {
        ref Trade t = ref slot.Trade;
        long id = t.Id;
        bool first = !lane.Seen;
        if (first)
        {
            lane.Seen = true;
            lane.Next = id;
            lane.MaxId = id;
        }
        else if (id < lane.Next)
        {
            if (!lane.Started && lane.MaxId - id < Capacity / 2)
            {
                lane.Next = id; // before the start, a lower id moves the start down
            }
            else
            {
                if (lane.Next - id < Capacity && WasPassed(lane, id))
                {
                    Duplicates++;
                }
                else
                {
                    DroppedLate++;
                }

                return false;
            }
        }

        if (id - lane.Next >= Capacity)
        {
            Park(lane, ref slot);
            return false;
        }

        int slotIndex = (int)(id & Mask);
        if (lane.State[slotIndex] != Empty && lane.Ids[slotIndex] == id)
        {
            Duplicates++;
            return false;
        }

        if (id < lane.MaxId)
        {
            Reordered++;
        }
        else
        {
            lane.MaxId = id;
        }

        int prev = (int)((id - 1) & Mask);
        if (!first && (id - 1 < lane.Next ? lane.Next - (id - 1) < Capacity && WasPassed(lane, id - 1) : lane.State[prev] == Held && lane.Ids[prev] == id - 1))
        {
            lane.ClockMs = Math.Max(lane.ClockMs, t.TradeTimeMs); // follows a seen id: no lone outlier
        }

        lane.Trades[slotIndex] = t;
        lane.Received[slotIndex] = slot.ReceivedTimestamp;
        lane.Ids[slotIndex] = id;
        lane.State[slotIndex] = Held;
        lane.Held++;
        SyncBusy(lane);
        return false;
    }

    private void SyncBusy(Lane lane)
    {
        bool busy = lane.Held != 0 || lane.ParkedCount != 0;
        if (busy != lane.Busy)
        {
            lane.Busy = busy;
            _busyLanes += busy ? 1 : -1;
        }
    }

    /// <summary>Lets one held trade through into <paramref name="slot"/>, from any lane that may; false when none may.</summary>
    private bool TryRelease(ref EngineEvent slot)
    {
        foreach (Lane lane in _lanes)
        {
            if ((lane.Held != 0 || lane.ParkedCount != 0) && TryRelease(lane, ref slot))
            {
                return true;
            }
        }

        return false;
    }

    private bool TryRelease(Lane lane, ref EngineEvent slot)
    {
        bool force = _flushing || lane.Jumping;
        if (lane.Held == 0)
        {
            if (!force && !Unpark(lane))
            {
                SyncBusy(lane); // the parked trades may all have turned out late or repeated
                return false;
            }

            if (lane.Held == 0)
            {
                // Nothing in the ring: the parked trades start a new stretch of ids (a jump, or the end of the input).
                long lowest = LowestParked(lane);
                if (lane.Started)
                {
                    Gaps++;
                    MissingIds += lowest - lane.Next;
                    lane.GiveUp(lane.Next, lowest);
                }

                lane.Next = lowest;
                lane.Jumping = false;
                Unpark(lane);
            }
        }

        int s = (int)(lane.Next & Mask);
        if (lane.State[s] == Held && lane.Ids[s] == lane.Next)
        {
            if (!lane.Started)
            {
                // The first trades wait a window for lower ids that may still come (or until the ring fills up).
                if (!force && lane.Trades[s].TradeTimeMs + _windowMs > lane.ClockMs && lane.Held < Capacity / 2)
                {
                    return false;
                }

                lane.Started = true;
            }

            Pass(lane, s, ref slot);
            return true;
        }

        // A hole at Next: give it up once the clock is a window past the last trade let through.
        if (!force && lane.LastPassedMs + _windowMs > lane.ClockMs && lane.Held < Capacity / 2)
        {
            return false;
        }

        long held = lane.Next + 1;
        while (lane.State[(int)(held & Mask)] != Held || lane.Ids[(int)(held & Mask)] != held)
        {
            held++;
        }

        Gaps++;
        MissingIds += held - lane.Next;
        lane.GiveUp(lane.Next, held);
        lane.Next = held;
        Pass(lane, (int)(held & Mask), ref slot);
        return true;
    }

    private void Pass(Lane lane, int s, ref EngineEvent slot)
    {
        slot.Kind = EventKind.Trade;
        slot.Trade = lane.Trades[s];
        slot.ReceivedTimestamp = lane.Received[s];
        lane.State[s] = Passed;
        lane.FirstId = Math.Min(lane.FirstId, lane.Next);
        lane.Next++;
        lane.LastPassedMs = slot.Trade.TradeTimeMs;
        lane.ClockMs = Math.Max(lane.ClockMs, slot.Trade.TradeTimeMs);
        lane.Held--;
        if (lane.ParkedCount != 0)
        {
            Unpark(lane);
        }

        SyncBusy(lane);
    }

    /// <summary>
    /// Whether <paramref name="id"/>, below the lane's Next and within the ring's reach, was let through: the steady path
    /// marks nothing, so an id without a mark of its own was passed there when it is not below the lane's first id; the
    /// out-of-line paths mark passed ids, and a given-up run marks its ids given up.
    /// </summary>
    private static bool WasPassed(Lane lane, long id)
    {
        int s = (int)(id & Mask);
        if (lane.Ids[s] == id && lane.State[s] != Empty)
        {
            return lane.State[s] == Passed;
        }

        return id >= lane.FirstId;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void HoldUntilFlushed(ref EngineEvent slot)
    {
        _heldEvent = slot;
        _hasHeldEvent = true;
        _flushing = true;
    }
}
