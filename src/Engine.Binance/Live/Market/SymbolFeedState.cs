using Engine.Model;

namespace Engine.Binance.Live.Market;

/// <summary>
/// One symbol's aggTrade sequence, owned by the <see cref="TradeSequencer"/> (touched only under its lock): the last
/// id that reached the ring, whether a backfill is running, and the live trades held meanwhile (strictly increasing
/// ids, oldest first, with their receive timestamps).
/// </summary>
internal sealed class SymbolFeedState
{
    private Trade[] _held;
    private long[] _heldReceived;
    private int _heldStart;
    private int _heldCount;

    public SymbolFeedState(SymbolId id, string name, int initialHold)
    {
        Id = id;
        Name = name;
        _held = new Trade[initialHold];
        _heldReceived = new long[initialHold];
    }

    public SymbolId Id { get; }

    public string Name { get; }

    /// <summary>Last aggregate id published to the ring; -1 before the first trade (the feed starts at the first live trade).</summary>
    public long LastId { get; set; } = -1;

    /// <summary>Trade time of <see cref="LastId"/>, Unix ms.</summary>
    public long LastTimeMs { get; set; }

    /// <summary>A backfill is running: live trades are held until it has reached them.</summary>
    public bool Recovering { get; set; }

    /// <summary>The recovery began at an id jump (not a check after a reconnect), so it counts as a gap already.</summary>
    public bool GapCounted { get; set; }

    /// <summary>A backfill gave up without knowing where the gap ended: the next live trade's id closes it (reported as unfillable).</summary>
    public bool GapOpenUntilNextLive { get; set; }

    /// <summary>Trades the running recovery has published from REST so far.</summary>
    public long BackfilledThisRecovery { get; set; }

    public int HeldCount => _heldCount;

    public ref Trade FirstHeld => ref _held[_heldStart];

    public long FirstHeldReceived => _heldReceived[_heldStart];

    /// <summary>Highest id known: held or released.</summary>
    public long HighestId => _heldCount == 0 ? LastId : _held[(_heldStart + _heldCount - 1) % _held.Length].Id;

    /// <summary>Appends a live trade (its id above <see cref="HighestId"/>); false when the buffer is at <paramref name="max"/>.</summary>
    public bool TryHold(in Trade trade, long receivedTimestamp, int max)
    {
        if (_heldCount == _held.Length)
        {
            if (_held.Length >= max)
            {
                return false;
            }

            Grow(Math.Min(max, _held.Length * 2));
        }

        int at = (_heldStart + _heldCount) % _held.Length;
        _held[at] = trade;
        _heldReceived[at] = receivedTimestamp;
        _heldCount++;
        return true;
    }

    public void DropFirstHeld()
    {
        _heldStart = (_heldStart + 1) % _held.Length;
        _heldCount--;
        if (_heldCount == 0)
        {
            _heldStart = 0;
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        var held = new Trade[size];
        var received = new long[size];
        for (int i = 0; i < _heldCount; i++)
        {
            held[i] = _held[(_heldStart + i) % _held.Length];
            received[i] = _heldReceived[(_heldStart + i) % _held.Length];
        }

        _held = held;
        _heldReceived = received;
        _heldStart = 0;
    }
}
