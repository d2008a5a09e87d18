using Engine.Model;

namespace Engine.Binance.Sequencing;

/// <summary>
/// Tracks trade or aggregate ids per symbol and reports holes as <see cref="SequenceGap"/> ranges in a preallocated
/// queue the live client drains (<see cref="TryTakeGap"/>); duplicates and out-of-order ids are counted.
/// Use one detector per id space (raw trade ids and aggregate ids do not mix). Single-threaded; zero allocation.
/// </summary>
public sealed class SequenceGapDetector
{
    private readonly long[] _lastId;
    private readonly bool[] _seen;
    private readonly SequenceGap[] _gaps;
    private int _head;
    private int _count;

    public SequenceGapDetector(int symbolCapacity, int gapCapacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(symbolCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gapCapacity, 1);
        _lastId = new long[symbolCapacity];
        _seen = new bool[symbolCapacity];
        _gaps = new SequenceGap[gapCapacity];
    }

    public long Gaps { get; private set; }

    /// <summary>Sum of the sizes of every gap reported.</summary>
    public long MissingIds { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>Gaps detected while the queue was full; counted in <see cref="Gaps"/> but not queued.</summary>
    public long DroppedGapReports { get; private set; }

    public int PendingGaps => _count;

    /// <summary>Checks the id of a trade: its <see cref="Trade.Id"/> (aggregate id for aggTrades).</summary>
    public SequenceCheck Check(in Trade trade) => Check(trade.Symbol, trade.Id);

    public SequenceCheck Check(SymbolId symbol, long id)
    {
        int s = symbol.Value;
        if ((uint)s >= (uint)_lastId.Length)
        {
            ThrowSymbolOutOfRange(s);
        }

        if (!_seen[s])
        {
            _seen[s] = true;
            _lastId[s] = id;
            return SequenceCheck.First;
        }

        long last = _lastId[s];
        if (id == last + 1)
        {
            _lastId[s] = id;
            return SequenceCheck.InOrder;
        }

        if (id > last)
        {
            _lastId[s] = id;
            ReportGap(new SequenceGap(symbol, last + 1, id - 1));
            return SequenceCheck.Gap;
        }

        if (id == last)
        {
            Duplicates++;
            return SequenceCheck.Duplicate;
        }

        OutOfOrder++;
        return SequenceCheck.OutOfOrder;
    }

    /// <summary>The oldest unreported gap, if any.</summary>
    public bool TryTakeGap(out SequenceGap gap)
    {
        if (_count == 0)
        {
            gap = default;
            return false;
        }

        gap = _gaps[_head];
        _head = (_head + 1) % _gaps.Length;
        _count--;
        return true;
    }

    /// <summary>Forgets a symbol's last id, e.g. after a reconnect whose backfill restarts the sequence.</summary>
    public void Reset(SymbolId symbol) => _seen[symbol.Value] = false;

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ThrowSymbolOutOfRange(int symbol) =>
        throw new ArgumentOutOfRangeException(nameof(symbol), symbol, "symbol id beyond the detector's capacity (or SymbolId.None)");

    private void ReportGap(SequenceGap gap)
    {
        Gaps++;
        MissingIds += gap.Missing;
        if (_count == _gaps.Length)
        {
            DroppedGapReports++;
            return;
        }

        _gaps[(_head + _count) % _gaps.Length] = gap;
        _count++;
    }
}
