using BenchmarkDotNet.Attributes;
using Engine.Model;
using Engine.Signals;

namespace Engine.Benchmarks.Signals;

// What does one closed row cost in DeltaScout with 180-row windows: the O(1) detector vs rescanning every window per row?
[MemoryDiagnoser]
public class DeltaScoutBenchmarks
{
    private const int Rows = 4_096;
    private const int Window = 180;
    private AggregatedRow[] _rows = [];
    private DeltaScoutDetector _detector = null!;
    private readonly Dictionary<long, long> _bins = new(Window);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _rows = new AggregatedRow[Rows];
        double price = 60_000;
        for (int i = 0; i < Rows; i++)
        {
            price += (rng.NextDouble() - 0.5) * 40;
            long buy = (long)(rng.NextDouble() * 300_000_000);
            long sell = (long)(rng.NextDouble() * 300_000_000);
            long close = (long)Math.Round(price * 100) * 1_000_000;
            _rows[i] = new AggregatedRow
            {
                StartMs = i * 60_000L,
                IntervalMs = 60_000,
                Trades = 100,
                TotalQty = new Quantity(buy + sell),
                BuyQty = new Quantity(buy),
                SellQty = new Quantity(sell),
                AvgPrice = Math.Round(price, 2),
                ClosePrice = new Price(close),
                HasClose = true,
            };
        }

        _detector = new DeltaScoutDetector(new DeltaScoutOptions());
        for (int i = 0; i < Rows; i++)
        {
            _detector.OnRow(in _rows[i], out _);
        }
    }

    /// <summary>The original's shape: on each row, rescan the 180-row windows (max/min delta, vwap, POC bins, 30/10/9-row stats).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rows - Window)]
    public long RescanWindowsPerRow()
    {
        long checksum = 0;
        AggregatedRow[] rows = _rows;
        for (int n = Window; n < Rows; n++)
        {
            long max = long.MinValue, min = long.MaxValue;
            double pq = 0, q = 0;
            _bins.Clear();
            for (int i = n - Window + 1; i <= n; i++)
            {
                long d = rows[i].BuyQty.E8 - rows[i].SellQty.E8;
                max = Math.Max(max, d);
                min = Math.Min(min, d);
                double qty = rows[i].TotalQty.E8 / 1e8;
                pq += rows[i].AvgPrice * qty;
                q += qty;
                long bin = (long)Math.Floor((rows[i].AvgPrice + 5) / 10);
                _bins[bin] = _bins.GetValueOrDefault(bin) + rows[i].TotalQty.E8;
            }

            long best = 0, bestQty = -1;
            foreach (KeyValuePair<long, long> kv in _bins)
            {
                if (kv.Value > bestQty)
                {
                    (best, bestQty) = (kv.Key, kv.Value);
                }
            }

            long moves = 0, hi = long.MinValue, lo = long.MaxValue;
            for (int i = n - 29; i <= n; i++)
            {
                long p = rows[i].ClosePrice.E8;
                moves += i > n - 29 ? Math.Abs(p - rows[i - 1].ClosePrice.E8) : 0;
                hi = Math.Max(hi, p);
                lo = Math.Min(lo, p);
            }

            long d10 = 0, v10 = 0, q9 = 0;
            for (int i = n - 9; i <= n; i++)
            {
                d10 += rows[i].BuyQty.E8 - rows[i].SellQty.E8;
                v10 += rows[i].Volume.E8;
                q9 += i > n - 9 ? rows[i].TotalQty.E8 : 0;
            }

            checksum += max - min + best + (long)(pq / q) + moves + hi - lo + d10 + v10 + q9;
        }

        return checksum;
    }

    [Benchmark(OperationsPerInvoke = Rows - Window)]
    public long DetectorOnRow()
    {
        long checksum = 0;
        AggregatedRow[] rows = _rows;
        for (int n = Window; n < Rows; n++)
        {
            _detector.OnRow(in rows[n], out DeltaScoutEvaluation e);
            checksum += e.Vwap + (long)e.MaxOutcome + (long)e.MinOutcome;
        }

        return checksum;
    }
}
