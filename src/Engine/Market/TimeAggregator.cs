using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Market;

/// <summary>
/// Time aggregation for one symbol: buckets MARKET trades by trade time into intervals of a fixed length aligned to
/// the Unix epoch (for lengths that divide a day, i.e. 1 s … 1 h of the usual sizes, that is aligned to the UTC
/// minute/hour/day), and emits one <see cref="AggregatedRow"/> per closed interval (contracts §1).
/// </summary>
/// <remarks>
/// <para>An interval closes when a trade (or <see cref="AdvanceTo{TSink}"/>, a clock tick in event time) reaches its
/// end. Intervals without trades between two traded ones are emitted too: Trades 0, zero quantities, and AvgPrice,
/// ClosePrice, HighPrice and LowPrice all equal to the previous interval's close. Nothing is emitted before the first
/// trade (there is no close to carry).</para>
/// <para>A trade whose time falls before the open interval (late or out of order) is not merged: it returns
/// <see cref="TradeOutcome.Late"/> and is counted in <see cref="LateTrades"/>/<see cref="LateQuantity"/>.</para>
/// <para>End of stream: the open interval has not closed (more trades of it may exist), so the engine never emits it;
/// <see cref="TryGetOpenRow"/> shows it, partial, for reports. <see cref="Flush{TSink}"/> (offline use: it decides
/// that the input is complete) emits it as if closed.</para>
/// <para>A jump of more than <see cref="MaxEmptyIntervals"/> empty intervals (e.g. a bad timestamp years ahead) emits
/// no filler rows: it is counted in <see cref="TimeJumps"/>/<see cref="SkippedEmptyIntervals"/> instead, so one bad
/// trade cannot make the engine emit millions of rows.</para>
/// <para>AvgPrice is the VWAP Σ(price×qty)/Σqty, computed from exact 128-bit sums and converted to double once.
/// Single-threaded: only the engine thread calls it. Zero allocation.</para>
/// </remarks>
public sealed class TimeAggregator
{
    public const long MinIntervalMs = 1_000;
    public const long MaxIntervalMs = 3_600_000;
    public const long DefaultIntervalMs = 60_000;
    public const long DefaultMaxEmptyIntervals = 7 * 86_400;

    private readonly long _intervalMs;
    private AggregatedRow _row; // reused for every emitted row

    // Open interval [_startMs, _endMs). Before the first trade _endMs is long.MinValue so any trade opens one.
    private long _startMs = long.MinValue;
    private long _endMs = long.MinValue;
    private long _trades;
    private long _totalE8;
    private long _sellE8; // buy = total - sell: no unpredictable branch on the side per trade
    private NotionalSum _notional;
    private long _closeE8;
    private long _highE8 = long.MinValue;
    private long _lowE8 = long.MaxValue;
    private long _lastCloseE8; // carried into empty intervals

    public TimeAggregator(SymbolId symbol, long intervalMs = DefaultIntervalMs, long maxEmptyIntervals = DefaultMaxEmptyIntervals)
    {
        if (intervalMs < MinIntervalMs || intervalMs > MaxIntervalMs || intervalMs % 1_000 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalMs), intervalMs, "interval must be whole seconds from 1 s to 1 h");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxEmptyIntervals);
        _intervalMs = intervalMs;
        MaxEmptyIntervals = maxEmptyIntervals;
        _row.Symbol = symbol;
        _row.IntervalMs = intervalMs;
        _row.HasClose = true;
        _row.HasHighLow = true;
    }

    public SymbolId Symbol => _row.Symbol;

    public long IntervalMs => _intervalMs;

    public long MaxEmptyIntervals { get; }

    /// <summary>Start of the open interval (Unix ms), or <see cref="long.MinValue"/> before the first trade.</summary>
    public long OpenIntervalStartMs => _startMs;

    /// <summary>Trades already in the open interval (not yet emitted).</summary>
    public long OpenTrades => _trades;

    /// <summary>Quantity already in the open interval (not yet emitted).</summary>
    public Quantity OpenQuantity => new(_totalE8);

    public long RowsEmitted { get; private set; }

    public long EmptyRowsEmitted { get; private set; }

    public long LateTrades { get; private set; }

    public Quantity LateQuantity { get; private set; }

    public long IgnoredTrades { get; private set; }

    public long InvalidTrades { get; private set; }

    public long TimeJumps { get; private set; }

    public long SkippedEmptyIntervals { get; private set; }

    /// <summary>Adds one trade, first emitting every interval that its time closes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TradeOutcome OnTrade<TSink>(in Trade trade, ref TSink sink)
        where TSink : struct, IRowSink
    {
        long priceE8 = trade.Price.E8;
        long qtyE8 = trade.Quantity.E8;
        long timeMs = trade.TradeTimeMs;
        if (trade.Type != TradeType.Market)
        {
            return Ignore();
        }

        // One branch for "price or quantity not positive, or time negative": x - 1 is negative for x = 0, and x
        // itself for every other non-positive x (including long.MinValue, where x - 1 wraps).
        if ((priceE8 | qtyE8 | timeMs | (priceE8 - 1) | (qtyE8 - 1)) < 0)
        {
            return Reject();
        }

        if (timeMs >= _endMs)
        {
            CloseUntil(timeMs, ref sink);
        }
        else if (timeMs < _startMs)
        {
            return Late(qtyE8);
        }

        _highE8 = Math.Max(_highE8, priceE8);
        _lowE8 = Math.Min(_lowE8, priceE8);
        _trades++;
        _closeE8 = priceE8;
        _totalE8 += qtyE8;
        _sellE8 += TakerSide.SellQuantity(trade.BuyerIsMaker, qtyE8); // buyer is maker: the taker sold
        _notional.Add(priceE8, qtyE8);
        return TradeOutcome.Accepted;
    }

    /// <summary>
    /// A clock tick in event time: emits every interval that ends at or before <paramref name="nowMs"/>. Trades for
    /// those intervals that arrive later are <see cref="TradeOutcome.Late"/>.
    /// </summary>
    public void AdvanceTo<TSink>(long nowMs, ref TSink sink)
        where TSink : struct, IRowSink
    {
        if (_endMs != long.MinValue && nowMs >= _endMs)
        {
            CloseUntil(nowMs, ref sink);
        }
    }

    /// <summary>
    /// The open interval as a row, partial (its time has not elapsed), without emitting or closing it; false when it
    /// holds no trade. For reporting what the end of the input left open.
    /// </summary>
    public bool TryGetOpenRow(out AggregatedRow row)
    {
        row = _row;
        if (_trades == 0)
        {
            return false;
        }

        row.StartMs = _startMs;
        row.Trades = _trades;
        row.BuyQty = new Quantity(_totalE8 - _sellE8);
        row.SellQty = new Quantity(_sellE8);
        row.TotalQty = new Quantity(_totalE8);
        row.AvgPrice = VolumeWeightedPrice.ToDouble(_notional.Value, _totalE8);
        row.ClosePrice = new Price(_closeE8);
        row.HighPrice = new Price(_highE8);
        row.LowPrice = new Price(_lowE8);
        return true;
    }

    /// <summary>Offline end of input known complete: emits the open interval if it holds trades; see the class remarks.</summary>
    public void Flush<TSink>(ref TSink sink)
        where TSink : struct, IRowSink
    {
        if (_trades == 0)
        {
            return;
        }

        EmitOpen(ref sink);
        _startMs = _endMs;
        _endMs += _intervalMs;
    }

    /// <summary>Forgets everything (open interval, carried close, counters): as new, for a replay from the start.</summary>
    public void Reset()
    {
        _startMs = long.MinValue;
        _endMs = long.MinValue;
        ClearOpen();
        _lastCloseE8 = 0;
        RowsEmitted = 0;
        EmptyRowsEmitted = 0;
        LateTrades = 0;
        LateQuantity = Quantity.Zero;
        IgnoredTrades = 0;
        InvalidTrades = 0;
        TimeJumps = 0;
        SkippedEmptyIntervals = 0;
    }

    // Closes the open interval and the empty ones after it, then opens the interval containing timeMs.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CloseUntil<TSink>(long timeMs, ref TSink sink)
        where TSink : struct, IRowSink
    {
        long bucket = timeMs - (timeMs % _intervalMs);
        if (_endMs != long.MinValue)
        {
            EmitOpen(ref sink);
            long empty = (bucket - _endMs) / _intervalMs;
            if (empty > MaxEmptyIntervals)
            {
                TimeJumps++;
                SkippedEmptyIntervals += empty;
            }
            else
            {
                for (long start = _endMs; start < bucket; start += _intervalMs)
                {
                    _startMs = start;
                    EmitOpen(ref sink);
                }
            }
        }

        _startMs = bucket;
        _endMs = bucket + _intervalMs;
    }

    private void EmitOpen<TSink>(ref TSink sink)
        where TSink : struct, IRowSink
    {
        ref AggregatedRow row = ref _row;
        row.StartMs = _startMs;
        row.Trades = _trades;
        row.BuyQty = new Quantity(_totalE8 - _sellE8);
        row.SellQty = new Quantity(_sellE8);
        row.TotalQty = new Quantity(_totalE8);
        if (_trades == 0)
        {
            row.AvgPrice = FixedPoint.ToDouble(_lastCloseE8);
            row.ClosePrice = new Price(_lastCloseE8);
            row.HighPrice = row.ClosePrice;
            row.LowPrice = row.ClosePrice;
            EmptyRowsEmitted++;
        }
        else
        {
            row.AvgPrice = VolumeWeightedPrice.ToDouble(_notional.Value, _totalE8);
            row.ClosePrice = new Price(_closeE8);
            row.HighPrice = new Price(_highE8);
            row.LowPrice = new Price(_lowE8);
            _lastCloseE8 = _closeE8;
        }

        RowsEmitted++;
        sink.OnRow(in row);
        ClearOpen();
    }

    private void ClearOpen()
    {
        _trades = 0;
        _totalE8 = 0;
        _sellE8 = 0;
        _notional.Clear();
        _highE8 = long.MinValue;
        _lowE8 = long.MaxValue;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TradeOutcome Ignore()
    {
        IgnoredTrades++;
        return TradeOutcome.IgnoredNotMarket;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TradeOutcome Reject()
    {
        InvalidTrades++;
        return TradeOutcome.Invalid;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TradeOutcome Late(long qtyE8)
    {
        LateTrades++;
        LateQuantity = new Quantity(LateQuantity.E8 + qtyE8);
        return TradeOutcome.Late;
    }
}
