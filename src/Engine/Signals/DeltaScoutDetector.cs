using System.Runtime.CompilerServices;
using Engine.Model;

namespace Engine.Signals;

/// <summary>
/// The DeltaScout delta-peak detector (contracts §3) on closed <see cref="AggregatedRow"/>s, in amortised O(1) per row
/// (plus O(log B) heap steps for the POC) and without allocation after construction. Engine thread only.
/// </summary>
/// <remarks>
/// Numbers, read literally from the contract:
/// - the per-row values are the original's doubles (<see cref="DeltaScoutRowValues"/>: delta = buy - sell,
///   vol = buy + sell, imb = |delta| / vol, one double operation each on the parsed BuyQty/SellQty); the delta window
///   max/min (step 3), <c>curr.vol &gt; prev.vol</c> (step 4), the imbalance band (step 5) and the emitted fields
///   (step 6) all use them, unrounded until the emitted fields are rounded. <c>vwap</c> is, by step 1's own
///   definition, the integer.
/// - window statistics keep exact 10^-8 sums (COH10's Σdelta and Σvol, the 9-row TotalQty mean, CHOP30's moves and
///   range, the vwap sums). The original sums doubles in numpy's or Python's order, so its COH10 or CHOP30 can differ
///   from the exact value in the last bits; that decides differently only for a statistic exactly on its bound
///   (CHOP30 == CHOP30_MAX or COH10 == COH10_MIN to the last bit), and integer prices, as the original Aggregator
///   writes them, make CHOP30's sums exact in both.
/// - vwap = round-half-even(Σ AvgPrice·TotalQty / Σ TotalQty): AvgPrice is taken to 10^-8 (round to nearest) so
///   the running sums are exact Int128 integers and the rounding is decided exactly, never by drift.
/// - price_now = ClosePrice, or AvgPrice to 10^-8 without a close column; CHOP30 uses exact integer sums of it.
/// - The quiet-minute mean is over the last 9 rows INCLUDING this one (fewer at the start of the feed).
/// - CHOP30 over the last 30 rows sums the 29 changes between consecutive rows inside that window.
/// - <c>curr.vwap &gt; prev.vwap</c> with either side null (no quantity in the window) is false: not stronger.
/// </remarks>
public sealed partial class DeltaScoutDetector
{
    private const int AvgWindow = 9;
    private const int CohWindow = 10;
    private const int ChopWindow = 30;
    private const int EmaSpan = 50;

    private readonly DeltaScoutOptions _options;
    private readonly int _rollWindow;
    private readonly int _vwapWindow;
    private readonly int _capacity;
    private readonly double _pocStep;
    private readonly double _pocHalfStep;

    // Per-row ring (engine thread): row n sits at slot n % _capacity (tracked in _slot); _capacity covers every window.
    private readonly RowSlot[] _rows;

    private readonly SlidingMaximum _deltaMax;
    private readonly SlidingMaximum _deltaMinNegated;
    private readonly SlidingMaximum _priceNowMax;
    private readonly SlidingMaximum _priceNowMinNegated;
    private readonly PocHistogram _poc;
    private ExponentialAverage _ema50; // mutable struct: not readonly

    private long _sequence;
    private int _slot;
    private long _vwapQty;
    private Int128 _vwapPriceQty;
    private long _qty9;
    private long _delta10;
    private long _vol10;
    private long _change30;

    private PeakCandidate _previous;

    public DeltaScoutDetector(DeltaScoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _rollWindow = options.RollWindowMin;
        _vwapWindow = options.VwapWindowMin;
        _capacity = Math.Max(_vwapWindow, ChopWindow);
        _pocStep = options.PocStepUsd;
        _pocHalfStep = options.PocStepUsd / 2;
        _rows = new RowSlot[_capacity];
        _deltaMax = new SlidingMaximum(_rollWindow);
        _deltaMinNegated = new SlidingMaximum(_rollWindow);
        _priceNowMax = new SlidingMaximum(ChopWindow);
        _priceNowMinNegated = new SlidingMaximum(ChopWindow);
        _poc = new PocHistogram(_vwapWindow);
        _ema50 = new ExponentialAverage(EmaSpan);
    }

    public DeltaScoutOptions Options => _options;

    /// <summary>Rows accepted so far (warm-up rows included).</summary>
    public long RowsSeen => _sequence;

    /// <summary>Rows refused because AvgPrice (or price_now) was not a finite non-negative price.</summary>
    public long RejectedRows { get; private set; }

    /// <summary>
    /// Runs §3 on one closed row. Returns false (and counts it) for a row whose AvgPrice is NaN, infinite or negative,
    /// or so large it overflows 10^-8 units; such a row changes no state.
    /// </summary>
    public bool OnRow(in AggregatedRow row, out DeltaScoutEvaluation result)
    {
        result = default;
        double avg = row.AvgPrice;
        if (!(avg >= 0 && avg < 9e10))
        {
            RejectedRows++;
            return false;
        }

        long avgE8 = (long)Math.Round(avg * FixedPoint.Scale);
        long priceNowE8 = row.HasClose ? row.ClosePrice.E8 : avgE8;
        var values = new DeltaScoutRowValues(in row);
        Append(in row, in values, avgE8, priceNowE8);
        Evaluate(in row, in values, priceNowE8, ref result);
        return true;
    }

    /// <summary>
    /// Warm start from existing rows (the tail of an aggregated.csv), oldest first, before live rows. Fills exactly
    /// what a live row would: every window (delta max/min, vwap sums, POC bins, 9/10/30-row sums and extremes), the
    /// EMA50, the row count, and the shared <c>prev</c> candidate slot (rows are evaluated, nothing is emitted), so a
    /// restart continues as if it had never stopped. Call <see cref="ForgetPrevious"/> afterwards to start with no
    /// <c>prev</c>, as a freshly started original script does.
    /// </summary>
    public bool Warm(in AggregatedRow row) => OnRow(in row, out _);

    /// <summary>Clears the shared previous-candidate slot only.</summary>
    public void ForgetPrevious() => _previous = default;

    private void Append(in AggregatedRow row, in DeltaScoutRowValues values, long avgE8, long priceNowE8)
    {
        long n = _sequence;
        int slot = _slot; // ring slot of row n; rows k back sit at Back(slot, k), k < _capacity

        // Leave every window first (the evicted rows may share the ring slot this row is about to take).
        RowSlot[] rows = _rows;
        if (n >= _vwapWindow)
        {
            ref RowSlot o = ref rows[Back(slot, _vwapWindow)];
            _vwapQty -= o.Qty;
            _vwapPriceQty -= o.PriceQty;
            _poc.EvictOldest(o.Qty);
        }

        if (n >= AvgWindow)
        {
            _qty9 -= rows[Back(slot, AvgWindow)].Qty;
        }

        if (n >= CohWindow)
        {
            ref RowSlot o = ref rows[Back(slot, CohWindow)];
            _delta10 -= o.Delta;
            _vol10 -= o.Vol;
        }

        if (n >= ChopWindow - 1)
        {
            _change30 -= rows[Back(slot, ChopWindow - 1)].PriceNowChange;
        }

        long qty = row.TotalQty.E8;
        long delta = row.BuyQty.E8 - row.SellQty.E8;
        long vol = row.BuyQty.E8 + row.SellQty.E8;
        long change = n == 0 ? 0 : Math.Abs(priceNowE8 - rows[Back(slot, 1)].PriceNow);
        Int128 priceQty = (Int128)avgE8 * qty;

        ref RowSlot entry = ref rows[slot];
        entry.Qty = qty;
        entry.PriceQty = priceQty;
        entry.Delta = delta;
        entry.Vol = vol;
        entry.PriceNow = priceNowE8;
        entry.PriceNowChange = change;

        _vwapQty += qty;
        _vwapPriceQty += priceQty;
        _qty9 += qty;
        _delta10 += delta;
        _vol10 += vol;
        _change30 += change;
        _poc.Add(n, (long)Math.Floor((row.AvgPrice + _pocHalfStep) / _pocStep), qty);

        long deltaKey = OrderKey(values.Delta);
        _deltaMax.Push(n, deltaKey);
        _deltaMinNegated.Push(n, -deltaKey);
        _priceNowMax.Push(n, priceNowE8);
        _priceNowMinNegated.Push(n, -priceNowE8);
        _ema50.Add(ToExactDouble(priceNowE8));
        _sequence = n + 1;
        _slot = slot + 1 == _capacity ? 0 : slot + 1;
    }

    /// <summary>The double nearest to an exact 10^-8 value: what Python's float() gives for its decimal text.</summary>
    internal static double ToExactDouble(long e8) => (double)e8 / FixedPoint.Scale;

    /// <summary>
    /// A long that orders as the double compares (for finite values other than -0.0), so the window max/min deques,
    /// which hold longs, decide §3's "equals the window maximum" on the original's double deltas.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long OrderKey(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        return bits >= 0 ? bits : bits ^ long.MaxValue; // negatives: larger magnitude, smaller key
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Back(int slot, int rows)
    {
        int i = slot - rows;
        return i < 0 ? i + _capacity : i;
    }

    /// <summary>
    /// round-half-even(Σ price·qty / Σ qty), decided exactly on the integer sums. A double division estimates the
    /// quotient to within a few ulps; unless that estimate lies within a tiny margin of a .5 tie, its nearest integer
    /// is the exact answer (the usual case, no 128-bit arithmetic). Near a tie the exact Int128 remainder decides.
    /// </summary>
    private long VwapRounded()
    {
        // Estimate error: below 4 roundings, i.e. < 2^-50 relative; the margin is 2^-40 relative (1024x wider).
        const double TieMargin = 1.0 / (1L << 40);
        double estimate = NonNegativeToDouble(_vwapPriceQty) / ((double)_vwapQty * FixedPoint.Scale);
        double floor = Math.Floor(estimate);
        double fraction = estimate - floor; // exact for a non-negative double
        if (Math.Abs(fraction - 0.5) > estimate * TieMargin)
        {
            return (long)floor + (fraction > 0.5 ? 1 : 0);
        }

        return VwapRoundedNearTie((long)floor);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private long VwapRoundedNearTie(long quotient)
    {
        Int128 numerator = _vwapPriceQty;
        Int128 denominator = (Int128)_vwapQty * FixedPoint.Scale;
        Int128 remainder = numerator - (quotient * denominator);
        while (remainder < 0)
        {
            quotient--;
            remainder += denominator;
        }

        while (remainder >= denominator)
        {
            quotient++;
            remainder -= denominator;
        }

        Int128 twice = remainder * 2;
        if (twice > denominator || (twice == denominator && (quotient & 1) == 1))
        {
            quotient++;
        }

        return quotient;
    }

    /// <summary>An Int128 ≥ 0 to double within 2 ulps, without the library's general (slower) conversion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double NonNegativeToDouble(Int128 value) =>
        ((double)(ulong)(value >> 64) * 18446744073709551616.0) + (ulong)value;

    /// <summary>One row's window terms, side by side so evicting a row touches one cache line.</summary>
    private struct RowSlot
    {
        public Int128 PriceQty;
        public long Qty;
        public long Delta;
        public long Vol;
        public long PriceNow;
        public long PriceNowChange;
    }
}
