using System.Globalization;
using System.Numerics;
using Engine.Model;
using Engine.Signals;

namespace Engine.Tests.Signals;

/// <summary>
/// A deliberately naive DeltaScout written straight from contracts §3, the way the original works: keep every row
/// and recompute every window from scratch on each row (EMA50 from the first row every time). Shares nothing with
/// the engine but the public result types; its rounding uses BigInteger arithmetic on the exact binary value.
/// </summary>
internal sealed class NaiveDeltaScout(DeltaScoutOptions o)
{
    private readonly List<AggregatedRow> _rows = [];
    private (bool Present, SignalDirection Kind, double Price, double Vol, long? Vwap) _prev;

    public DeltaScoutEvaluation OnRow(AggregatedRow row)
    {
        _rows.Add(row);
        var e = new DeltaScoutEvaluation { RowStartMs = row.StartMs };
        List<AggregatedRow> vw = Tail(o.VwapWindowMin);

        // Step 1: vwap from scratch in decimal, exact for these magnitudes, with AvgPrice taken to 10^-8 as the
        // contract's input precision (double sums would decide exact .5 ties by rounding noise).
        decimal sumPq = 0, sumQ = 0;
        foreach (AggregatedRow r in vw)
        {
            decimal q = r.TotalQty.E8 / 100_000_000m;
            sumPq += (long)Math.Round(r.AvgPrice * 1e8) / 100_000_000m * q;
            sumQ += q;
        }

        long? vwap = sumQ == 0 ? null : (long)Math.Round(sumPq / sumQ, MidpointRounding.ToEven);
        var binQty = new Dictionary<long, long>();
        var order = new List<long>();
        foreach (AggregatedRow r in vw)
        {
            long bin = (long)Math.Floor((r.AvgPrice + (o.PocStepUsd / 2)) / o.PocStepUsd);
            if (!binQty.ContainsKey(bin))
            {
                binQty[bin] = 0;
                order.Add(bin);
            }

            binQty[bin] += r.TotalQty.E8;
        }

        long bestBin = order[0];
        foreach (long bin in order)
        {
            if (binQty[bin] > binQty[bestBin])
            {
                bestBin = bin;
            }
        }

        e.VwapKnown = vwap.HasValue;
        e.Vwap = vwap ?? 0;
        e.Poc = (long)Math.Round(bestBin * o.PocStepUsd, MidpointRounding.ToEven);

        // Step 2.
        List<AggregatedRow> last9 = Tail(9);
        double mean9 = Dbl(last9.Sum(r => r.TotalQty.E8)) / last9.Count;
        e.Zero = Dbl(row.TotalQty.E8) < o.ZeroQtyTh && mean9 < o.Avg9Max;

        // Gate statistics.
        double ema = double.NaN;
        foreach (AggregatedRow r in _rows)
        {
            double x = Dbl(PriceNowE8(r));
            ema = double.IsNaN(ema) ? x : ((2.0 / 51) * x) + ((1 - (2.0 / 51)) * ema);
        }

        List<long> p30 = Tail(30).Select(PriceNowE8).ToList();
        long moves = 0;
        for (int i = 1; i < p30.Count; i++)
        {
            moves += Math.Abs(p30[i] - p30[i - 1]);
        }

        long range = p30.Max() - p30.Min();
        e.Chop30 = p30.Count < 2 || range == 0 ? double.PositiveInfinity : (double)moves / range;
        List<AggregatedRow> last10 = Tail(10);
        long d10 = last10.Sum(r => r.BuyQty.E8 - r.SellQty.E8);
        long v10 = last10.Sum(r => r.BuyQty.E8 + r.SellQty.E8);
        e.Coh10 = v10 == 0 ? 0 : Math.Abs((double)d10) / v10;
        e.Ema50 = ema;
        e.PriceNow = Dbl(PriceNowE8(row));

        // Step 3.
        List<double> deltas = Tail(o.RollWindowMin).Select(r => Parsed(r.BuyQty) - Parsed(r.SellQty)).ToList();
        double delta = Parsed(row.BuyQty) - Parsed(row.SellQty);
        bool isMax = delta == deltas.Max();
        bool isMin = delta == deltas.Min();
        if (isMax)
        {
            e.MaxOutcome = Candidate(SignalDirection.Long, row, vwap, ref e);
            if (e.MaxOutcome != DeltaScoutOutcome.Peak)
            {
                e.MinOutcome = isMin ? DeltaScoutOutcome.SkippedAfterMax : DeltaScoutOutcome.NotCandidate;
                return e;
            }
        }

        if (isMin)
        {
            e.MinOutcome = Candidate(SignalDirection.Short, row, vwap, ref e);
        }

        return e;
    }

    private DeltaScoutOutcome Candidate(SignalDirection kind, AggregatedRow row, long? vwap, ref DeltaScoutEvaluation e)
    {
        bool isLong = kind == SignalDirection.Long;
        double price = row.AvgPrice;
        // Per-row values as the original: parsed doubles, one double operation each (contracts §3).
        double buy = Parsed(row.BuyQty), sell = Parsed(row.SellQty);
        double d = buy - sell;
        double vol = buy + sell;
        var prev = _prev;
        _prev = (true, kind, price, vol, vwap);
        if (!prev.Present)
        {
            return DeltaScoutOutcome.NoPrevious;
        }

        if (prev.Kind != kind)
        {
            return DeltaScoutOutcome.KindChanged;
        }

        if (vwap is long w && (isLong ? price < w : price > w))
        {
            return DeltaScoutOutcome.VwapSide;
        }

        if (vwap is long w2 && (isLong ? price - w2 : w2 - price) > o.VwapMaxDistUsd)
        {
            return DeltaScoutOutcome.VwapTooFar;
        }

        bool stronger = isLong
            ? price > prev.Price && vol > prev.Vol && vwap > prev.Vwap
            : price < prev.Price && vol > prev.Vol && vwap < prev.Vwap; // lifted comparisons: null is never stronger
        if (!stronger)
        {
            return DeltaScoutOutcome.NotStronger;
        }

        double now = e.PriceNow;
        if (!(isLong ? now > e.Ema50 && (vwap is null || now > vwap) : now < e.Ema50 && (vwap is null || now < vwap)))
        {
            return DeltaScoutOutcome.TrendGate;
        }

        if (!(e.Chop30 <= o.Chop30Max))
        {
            return DeltaScoutOutcome.ChopGate;
        }

        if (!(e.Coh10 >= o.Coh10Min))
        {
            return DeltaScoutOutcome.CoherenceGate;
        }

        double imb = vol == 0 ? 0 : Math.Abs(d) / vol;
        double lo = isLong ? (o.ImbMinLong ?? o.ImbMin) : (o.ImbMinShort ?? o.ImbMin);
        if (!(imb >= lo && imb <= o.ImbMax))
        {
            return DeltaScoutOutcome.ImbalanceGate;
        }

        e.HasPeak = true;
        e.Peak = new TradeSignal
        {
            Symbol = row.Symbol,
            Source = SignalSource.DeltaScout,
            Direction = kind,
            TimeMs = row.StartMs + row.IntervalMs,
            Price = price,
            LastTradePrice = row.HasClose ? row.ClosePrice : default,
            Delta = PyRound(d, 2),
            Volume = PyRound(vol, 2),
            Imbalance = PyRound(imb, 3),
            Vwap = vwap ?? double.NaN,
            Poc = e.Poc,
            Atr = double.NaN,
        };
        return DeltaScoutOutcome.Peak;
    }

    /// <summary>Python round(x, n): exact binary value via BigInteger, half-to-even, then parsed back correctly rounded.</summary>
    public static double PyRound(double x, int n)
    {
        if (x == 0 || !double.IsFinite(x))
        {
            return x;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int exp = (int)((bits >> 52) & 0x7FF);
        BigInteger mant = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0)
        {
            exp = 1;
        }
        else
        {
            mant += BigInteger.One << 52;
        }

        int e2 = exp - 1075;
        BigInteger scaled = mant * BigInteger.Pow(10, n);
        BigInteger q;
        if (e2 >= 0)
        {
            q = scaled << e2;
        }
        else
        {
            BigInteger den = BigInteger.One << -e2;
            q = BigInteger.DivRem(scaled, den, out BigInteger rem);
            int c = (rem * 2).CompareTo(den);
            if (c > 0 || (c == 0 && !q.IsEven))
            {
                q += 1;
            }
        }

        double v = double.Parse(q.ToString(CultureInfo.InvariantCulture) + "E-" + n, CultureInfo.InvariantCulture);
        return x < 0 ? -v : v;
    }

    private static long PriceNowE8(AggregatedRow r) => r.HasClose ? r.ClosePrice.E8 : (long)Math.Round(r.AvgPrice * 1e8);

    private static double Dbl(long e8) => e8 / 1e8;

    /// <summary>The quantity's decimal text parsed to double, as the original's float() does it.</summary>
    private static double Parsed(Quantity q) => double.Parse(q.ToString(), CultureInfo.InvariantCulture);

    private List<AggregatedRow> Tail(int count) => _rows.Skip(Math.Max(0, _rows.Count - count)).ToList();
}
